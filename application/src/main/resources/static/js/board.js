// The board: every lane with its count, filtered by work type.
import { page } from './shell.js';
import { get, query } from './api.js';
import { el, param, replace, itemLink, count } from './dom.js';

const WORK_TYPES = ['feature', 'bug', 'operations', 'chore', 'research'];
const workType = param('workType') ?? '';

function filter() {
  const select = el('select', { id: 'work-type', name: 'workType' },
    el('option', { value: '' }, 'all work types'),
    WORK_TYPES.map((type) => el('option', { value: type, selected: type === workType }, type)));
  return el('form', { class: 'filter', method: 'get', action: '/board.html' },
    el('label', { for: 'work-type' }, 'Work type'), select, el('button', { type: 'submit' }, 'Filter'));
}

function lane(column) {
  const slug = column.lane.toLowerCase().replace(/\s+/g, '-');
  const shown = column.items.length < column.count ? ` (showing the oldest ${column.items.length})` : '';
  return el('section', { class: 'lane', id: `lane-${slug}`, 'aria-labelledby': `lane-${slug}-title` },
    el('h2', { id: `lane-${slug}-title` }, column.lane, ' ',
      el('span', { class: 'count', 'data-count': column.count }, String(column.count)), shown),
    el('ul', { class: 'cards' }, column.items.map((card) => el('li', { class: 'card' },
      itemLink(card.id, card.key), ' ', card.title,
      el('span', { class: 'card-meta' }, `${card.workType} · status ${card.status}`)))));
}

page(async () => {
  const board = await get(query('/api/control-plane/board', { workType }));
  replace('content',
    el('h1', {}, 'Board'),
    filter(),
    el('p', { id: 'board-total' }, `${count(board.count, 'item')}${workType ? ` of work type ${workType}` : ''}.`),
    el('div', { class: 'lanes' }, board.lanes.map(lane)));
});
