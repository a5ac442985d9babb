// The execution queue, in hand-off order, with each item's reported status.
import { page } from './shell.js';
import { get } from './api.js';
import { el, replace, itemLink, when, count } from './dom.js';

page(async () => {
  const queue = await get('/api/control-plane/queue');
  replace('content',
    el('h1', {}, 'Execution queue'),
    el('p', { id: 'queue-count' }, `${count(queue.count, 'item')} handed off to execution.`),
    queue.items.length === 0 ? el('p', {}, 'The queue is empty.') : el('table', { id: 'queue' },
      el('caption', {}, 'Hand-off order, first out at the top'),
      el('thead', {}, el('tr', {}, ['Place', 'Item', 'Title', 'Lane', 'Reported status', 'Queued at']
        .map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, queue.items.map((item) => el('tr', {},
        el('td', {}, String(item.place)), el('td', {}, itemLink(item.id, item.key)), el('td', {}, item.title),
        el('td', {}, item.lane), el('td', {}, item.status), el('td', {}, when(item.queuedAt)))))));
});
