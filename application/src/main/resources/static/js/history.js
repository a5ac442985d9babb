// An item's history as a timeline: who, when, which action, which gates blocked; and time travel to any point.
import { page } from './shell.js';
import { get, query } from './api.js';
import { el, param, replace, itemLink, when, count } from './dom.js';

const id = param('id');

async function all() {
  let cursor = null;
  let history;
  const events = [];
  do {
    history = await get(query(`/api/control-plane/items/${encodeURIComponent(id)}/history`, { cursor, limit: 1000 }));
    events.push(...history.events);
    cursor = history.nextCursor;
  } while (cursor);
  return { ...history, events };
}

function lanes(entry) {
  if (!entry.laneBefore) return `into ${entry.laneAfter}`;
  return entry.laneBefore === entry.laneAfter ? `stayed in ${entry.laneAfter}`
    : `${entry.laneBefore} → ${entry.laneAfter}`;
}

function blocked(entry) {
  if (!entry.blockedGates?.length) return null;
  return el('ul', { class: 'blocked-gates' }, entry.blockedGates.map((gate) => el('li', {},
    `gate ${gate.gate} blocked: ${gate.cause} Next step: ${gate.nextStep}`)));
}

function entry(event) {
  return el('li', { class: `event outcome-${event.outcome}`, 'data-action': event.action },
    el('p', { class: 'event-head' },
      when(event.at), ' · ', el('strong', {}, event.actor), ` · ${event.action} · ${event.outcome} · ${lanes(event)}`),
    el('p', { class: 'event-meta' }, `${event.event}, version ${event.version}, position ${event.position}. `,
      itemLink(id, 'The page as of here', String(event.position))),
    blocked(event));
}

function travelForm() {
  return el('form', { class: 'travel', method: 'get', action: '/item.html' },
    el('input', { type: 'hidden', name: 'id', value: id }),
    el('label', { for: 'as-of' }, 'As of (an ISO time such as 2026-12-01T09:00:00Z, or a position)'),
    el('input', { id: 'as-of', name: 'asOf', required: true, spellcheck: 'false' }),
    el('button', { type: 'submit' }, 'Show the page as it was'));
}

page(async () => {
  if (!id) {
    replace('content', el('p', {}, 'Name an item: use the Item id field above.'));
    return;
  }
  const history = await all();
  replace('content',
    el('h1', {}, `History of `, itemLink(id)),
    el('p', { id: 'event-count' }, `${count(history.eventCount, 'event')}, oldest first.`),
    travelForm(),
    el('ol', { class: 'timeline', id: 'timeline' }, history.events.map(entry)),
    el('h2', {}, 'Time in each lane'),
    el('table', { id: 'lane-times' },
      el('thead', {}, el('tr', {}, ['Lane', 'Seconds', 'Visits', 'Now'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, history.timeInLanes.map((t) => el('tr', {},
        el('td', {}, t.lane), el('td', {}, String(t.seconds)), el('td', {}, String(t.visits)),
        el('td', {}, t.current ? 'here now' : ''))))));
});
