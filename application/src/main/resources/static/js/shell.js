// What every signed-in page shares: the skip link target, the navigation, sign out, and error display.
import { token, signOut, sendToSignIn } from './session.js';
import { el, replace } from './dom.js';
import { show } from './problems.js';

const PAGES = [
  ['/board.html', 'Board'],
  ['/queue.html', 'Execution queue'],
  ['/drift.html', 'Drift'],
  ['/backups.html', 'Backups'],
];

function navigation() {
  const links = PAGES.map(([href, text]) => el('li', {},
    el('a', { href, 'aria-current': location.pathname === href ? 'page' : null }, text)));
  const find = el('form', { class: 'find', action: '/item.html', method: 'get', role: 'search' },
    el('label', { for: 'find-id' }, 'Item id'),
    el('input', { id: 'find-id', name: 'id', placeholder: 'wi-BF-276', required: true, autocomplete: 'off' }),
    el('button', { type: 'submit' }, 'Open'));
  const out = el('button', {
    type: 'button', id: 'sign-out', onclick: () => {
      signOut();
      location.assign('/index.html');
    },
  }, 'Sign out');
  return el('nav', { 'aria-label': 'Control plane' }, el('ul', {}, links), find, out);
}

/** Runs a page once a token is present; a failure reads as sentences in the alert region. */
export async function page(render) {
  if (!token()) {
    sendToSignIn();
    return;
  }
  replace('top', el('a', { class: 'brand', href: '/board.html' }, 'Build Factory Control Plane'), navigation());
  try {
    await render();
  } catch (failure) {
    show(failure);
  } finally {
    document.body.dataset.ready = 'true';
    performance.mark('control-plane:ready');
  }
}

/** A short sentence about what just happened, announced politely. */
export function announce(text) {
  const status = document.getElementById('status');
  status.textContent = text;
}
