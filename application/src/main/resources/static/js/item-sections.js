// The item page's sections as on the seed: execution context, lifecycle metadata, queue truth, prompt context.
import { el, pairs, when } from './dom.js';

export function identity(page) {
  return el('header', { class: 'item-head' },
    el('p', { class: 'heading', id: 'item-heading' }, page.heading),
    el('h1', { id: 'item-title' }, page.title),
    page.description ? el('p', { class: 'description' }, page.description) : null);
}

export function historical(page) {
  if (!page.historical) return null;
  return el('p', { class: 'historical', id: 'historical' },
    `Time travel: this is the page as it was at position ${page.historical.position} (`, when(page.historical.at),
    '), rebuilt from the event log. Actions act on the item as it is now, so none are offered here.');
}

export function executionContext(page) {
  const context = page.executionContext;
  const pr = context.pullRequest;
  return section('execution-context', 'Execution Context', pairs([
    ['ID', context.id],
    ['Branch', context.branch],
    ['Validation', context.validation],
    ['PR', pr ? el('span', {}, el('a', { href: pr.url, rel: 'noopener noreferrer', target: '_blank' }, pr.url),
      ` (${pr.state})`) : 'none linked'],
  ]));
}

export function lifecycle(page) {
  const meta = page.lifecycle;
  const criteria = meta.doneCriteria;
  return section('lifecycle', 'Lifecycle Metadata', pairs([
    ['Lane', el('strong', { id: 'lane' }, meta.lane)],
    ['Work type', meta.workType],
    ['Source', meta.source],
    ['Status', meta.status],
    ['State', meta.state],
    ['Done criteria', criteria ? el('span', {}, el('span', { id: 'done-criteria' }, String(criteria.count)),
      ` (${criteria.met} met)`) : '0'],
  ]));
}

export function queueTruth(page) {
  const truth = page.queueTruth;
  return section('queue-truth', 'Queue Truth',
    el('p', {}, 'Freshness: ', el('span', { id: 'freshness', class: `freshness-${truth.freshness.status}` },
      truth.freshness.text)),
    el('p', {}, 'Drift: ', el('span', { id: 'drift' }, truth.drift)),
    el('h3', {}, 'Reconciliation Guidance'),
    el('ul', { id: 'reconciliation-guidance' }, truth.reconciliationGuidance.map((line) => el('li', {}, line))));
}

export function promptContext(page) {
  const prompt = page.promptContext;
  if (!prompt) return section('prompt-context', 'Prompt Context', el('p', {}, 'No prompt context.'));
  return section('prompt-context', 'Prompt Context',
    el('p', { class: 'prompt-path' }, prompt.path),
    prompt.redacted
      ? el('p', { class: 'redacted', id: 'prompt-redacted' },
        'Redacted: this token may not see the prompt context (factory.work-item.view-prompt-context).')
      : el('p', { class: 'prompt-text' }, prompt.text));
}

export function section(id, title, ...children) {
  return el('section', { id, 'aria-labelledby': `${id}-title` }, el('h2', { id: `${id}-title` }, title), children);
}
