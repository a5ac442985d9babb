import { signIn, signOut, token, safeNext } from './session.js';
import { get } from './api.js';
import { show, clear, Problem } from './problems.js';
import { param } from './dom.js';

const next = safeNext(param('next'));
const form = document.getElementById('sign-in');

if (token()) location.replace(next);

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clear();
  const value = form.elements.token.value.trim();
  signIn(value);
  try {
    await get('/api/control-plane/board?limit=1');
    form.reset();
    location.assign(next);
  } catch (failure) {
    if (failure instanceof Problem && failure.status === 403) {
      location.assign(next);
      return;
    }
    signOut();
    show(failure);
  }
});
document.body.dataset.ready = 'true';
