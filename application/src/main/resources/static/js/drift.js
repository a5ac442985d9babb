// Every drifted item, oldest drift first: what the truth signals say, and the guidance to reconcile.
import { page } from './shell.js';
import { get, query } from './api.js';
import { el, replace, itemLink, when, count } from './dom.js';

async function all() {
  const items = [];
  let cursor = null;
  let count = 0;
  do {
    const answer = await get(query('/api/control-plane/drift', { cursor, limit: 1000 }));
    items.push(...answer.items);
    count = answer.count;
    cursor = answer.nextCursor;
  } while (cursor);
  return { count, items };
}

page(async () => {
  const drift = await all();
  replace('content',
    el('h1', {}, 'Drift'),
    el('p', { id: 'drift-count' }, drift.count === 0 ? 'No item drifts: every truth signal agrees with its lane.'
      : `${count(drift.count, 'item')} whose truth signals disagree with the lane, oldest drift first.`),
    el('ul', { class: 'drift-list' }, drift.items.map((item) => el('li', { class: 'drifted' },
      el('h2', {}, itemLink(item.id, item.key), ' ', item.title),
      el('p', {}, `Lane ${item.lane}; drifting since `, when(item.driftSince), '.'),
      el('ul', {}, item.drifts.map((d) => el('li', {}, `${d.summary}. `,
        d.resolvingAction ? `Resolved by ${d.resolvingAction} (reconcile applies it).` : 'No action resolves it.'))),
      el('h3', {}, 'Reconciliation guidance'),
      el('ul', {}, item.reconciliationGuidance.map((line) => el('li', {}, line)))))));
});
