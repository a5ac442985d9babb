// Turns the service's problem details (RFC 9457) into sentences a person reads on the page.
import { el, pairs } from './dom.js';

export class Problem extends Error {
  constructor(status, body) {
    super(body?.detail ?? `The service answered ${status}.`);
    this.status = status;
    this.body = body ?? {};
  }
}

const NEXT_STEPS = {
  400: 'Nothing was changed; correct the input and send it again.',
  401: 'Sign in again with a token the service knows.',
  403: 'Nothing was changed. Ask an administrator for a token that holds this permission.',
  404: 'Check the item id; ids look like wi-BF-276.',
  409: 'Nothing was changed.',
  412: 'Nothing was changed. The page now shows the item as it is: check it and decide again.',
  503: 'Nothing was changed; try again shortly.',
};

/** The first sentence: what happened, in the service's words. */
export function headline(problem) {
  const body = problem.body ?? {};
  const title = body.title ?? `The service answered ${problem.status}`;
  const detail = body.detail ?? problem.message;
  return `${title}: ${detail.replace(/\.?$/, '.')}`;
}

export function explain(problem) {
  const body = problem.body ?? {};
  const lines = [el('p', { class: 'problem-headline' }, headline(problem))];
  if (body.permission && problem.status === 403) {
    lines.push(el('p', {}, `The permission needed is ${body.permission}.`));
  }
  for (const error of body.errors ?? []) {
    lines.push(el('p', {}, error.field ? `${error.field} ${error.message}.` : `${error.message}.`));
  }
  if (body.recoveryGuidance) {
    const g = body.recoveryGuidance;
    lines.push(pairs([['Cause', g.cause], ['Policy context', g.policyContext], ['Next step', g.nextStep],
      ['Safe retry', g.safeRetry]], { class: 'guidance' }));
  }
  const next = NEXT_STEPS[problem.status];
  if (next && !body.recoveryGuidance) lines.push(el('p', {}, next));
  return el('div', { class: 'problem', 'data-status': problem.status }, lines);
}

/** Shows a failure in the page's alert region and moves focus there, so keyboard and screen reader users hear it. */
export function show(problem, regionId = 'alert') {
  const region = document.getElementById(regionId);
  const failure = problem instanceof Problem ? problem
    : new Problem(0, { title: 'The service could not be reached', detail: String(problem.message ?? problem) });
  region.replaceChildren(explain(failure));
  region.hidden = false;
  region.focus();
}

export function clear(regionId = 'alert') {
  const region = document.getElementById(regionId);
  region.replaceChildren();
  region.hidden = true;
}
