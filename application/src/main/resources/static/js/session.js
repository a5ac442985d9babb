// The token lives in this tab's sessionStorage only: gone when the tab closes, never in a URL or a cookie.
const KEY = 'control-plane.token';

export function token() {
  return sessionStorage.getItem(KEY);
}

export function signIn(value) {
  sessionStorage.setItem(KEY, value);
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** A page's own address, to come back to after signing in. */
export function here() {
  return location.pathname + location.search;
}

/** Only a path on this service: never another host, so the sign-in page cannot be used to send people away. */
export function safeNext(next) {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/board.html';
}

export function sendToSignIn() {
  location.assign('/index.html?next=' + encodeURIComponent(here()));
}
