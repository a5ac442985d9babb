// Backups for admins: archives with their verification state, the last drill, and a backup on demand.
import { page, announce } from './shell.js';
import { get, post } from './api.js';
import { el, pairs, replace, when } from './dom.js';
import { show, clear } from './problems.js';

const PATH = '/api/admin/backups';

function archives(list) {
  if (list.length === 0) return el('p', { id: 'no-archives' }, 'No archive yet.');
  return el('table', { id: 'archives' },
    el('caption', {}, 'Archives, as the backup target lists them'),
    el('thead', {}, el('tr', {}, ['Archive', 'Kind', 'Created', 'Positions', 'Events', 'Bytes', 'Encrypted',
      'Verification'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, list.map((a) => el('tr', { 'data-archive': a.name },
      el('td', {}, a.name), el('td', {}, a.kind), el('td', {}, when(a.createdAt)),
      el('td', {}, `${a.firstPosition}–${a.lastPosition}`), el('td', {}, String(a.eventCount)),
      el('td', {}, String(a.sizeBytes)), el('td', {}, a.encrypted ? 'yes' : 'no'),
      el('td', { class: a.verified ? 'verified' : 'unverified' }, a.verified ? 'verified' : 'not verified')))));
}

function drill(last) {
  if (!last) return el('p', { id: 'last-drill' }, 'No drill has run yet.');
  return el('div', { id: 'last-drill' }, pairs([
    ['Result', last.passed ? 'passed' : 'failed'], ['Started', when(last.startedAt)], ['Took', last.took],
    ['Archive', last.archive], ['Detail', last.detail]]));
}

function failure(last) {
  if (!last) return null;
  return el('p', { class: 'problem' }, `The last failed run (${last.kind}, `, when(last.startedAt), `): ${last.reason}`);
}

async function run(path, describe) {
  clear();
  announce('Running…');
  try {
    announce(describe(await post(path)));
  } catch (problem) {
    announce('');
    show(problem);
  }
  await load();
}

async function load() {
  const view = await get(PATH);
  const status = view.status;
  replace('content',
    el('h1', {}, 'Backups'),
    el('p', { id: 'backup-health', class: view.health.up ? 'up' : 'down' },
      `${view.health.up ? 'Healthy' : 'Needs attention'}: ${view.health.detail}.`),
    el('p', {}, `Target: ${status.target}.`),
    status.listingError ? el('p', { class: 'problem' }, `The target could not be listed: ${status.listingError}`) : null,
    el('p', { class: 'buttons' },
      el('button', { type: 'button', id: 'backup-now',
        onclick: () => run(PATH, (r) => `Backup ${r.outcome.toLowerCase()}: archive ${r.archive ?? 'none'}, ${r.eventCount} events.`) },
      'Back up now'),
      el('button', { type: 'button', id: 'drill-now',
        onclick: () => run(`${PATH}/drill`, (r) => `Drill ${r.passed ? 'passed' : 'failed'}: ${r.detail}`) },
      'Run a restore drill')),
    failure(status.lastFailure),
    el('h2', {}, 'Archives'), archives(status.archives),
    el('h2', {}, 'Last drill'), drill(status.lastDrill));
}

page(load);
