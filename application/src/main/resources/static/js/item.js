// The item page: loads the page from the service, renders it, and runs actions without a reload.
import { page, announce } from './shell.js';
import { get, post, query } from './api.js';
import { el, param, replace, itemLink } from './dom.js';
import { show, clear, Problem } from './problems.js';
import * as sections from './item-sections.js';
import { actions } from './actions.js';

const id = param('id');
const asOf = param('asOf');
let current;

function render(view) {
  current = view;
  document.title = `${view.executionContext.id} · ${view.lifecycle.lane} · Build Factory Control Plane`;
  replace('content',
    sections.historical(view),
    sections.identity(view),
    el('p', { class: 'links' },
      el('a', { href: '/history.html?' + new URLSearchParams({ id: view.id }) }, 'History and time travel'),
      view.historical ? el('a', { href: '/item.html?' + new URLSearchParams({ id: view.id }) }, 'The page now')
        : null,
      view.followUpOf ? el('span', {}, 'Follow-up of ', itemLink(view.followUpOf)) : null,
      view.followUps?.length ? el('span', { id: 'follow-ups' }, 'Follow-ups: ',
        view.followUps.flatMap((f, i) => (i ? [', ', itemLink(f)] : [itemLink(f)]))) : null),
    el('div', { class: 'item-body' },
      el('div', { class: 'item-facts' },
        sections.executionContext(view),
        sections.lifecycle(view),
        sections.queueTruth(view),
        sections.promptContext(view)),
      actions(view, press, announce)));
  document.body.dataset.version = String(view.version);
}

async function load() {
  render(await get(query(`/api/control-plane/items/${encodeURIComponent(id)}`, { asOf })));
}

function outcomeSentence(result, view) {
  const label = view.availableActions.find((a) => a.identity === result.action)?.label ?? result.action;
  const what = result.outcome === 'already-done' ? 'was already done; nothing changed' : 'applied';
  const created = result.createdItemId ? ` It created ${result.createdItemId}.` : '';
  return `${label} ${what}. ${result.message ?? ''}${created} The item is in ${view.lifecycle.lane}.`
    .replace(/\s+/g, ' ');
}

/** Sends the action for the version on screen; a changed item answers 412 and the page shows it as it is now. */
async function press(action, body) {
  clear();
  announce(`${action.label}: sending…`);
  try {
    const answer = await post(action.path, { body, ifMatch: current.version });
    render(answer);
    announce(outcomeSentence(answer.actionResult, answer));
  } catch (failure) {
    announce('');
    show(failure);
    if (failure instanceof Problem && [409, 412].includes(failure.status)) {
      await load();
    }
  }
}

page(async () => {
  if (!id) {
    replace('content', el('p', {}, 'Name an item: use the Item id field above.'));
    return;
  }
  await load();
});
