// Every call to the service: the token goes in the Authorization header, to this origin only.
import { token, signOut, sendToSignIn } from './session.js';
import { Problem } from './problems.js';

export async function call(method, path, { body, ifMatch } = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${token()}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch !== undefined) headers['If-Match'] = `"${ifMatch}"`;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
    redirect: 'error',
  });
  const text = await response.text();
  const json = parse(text);
  if (response.status === 401 && !onSignInPage()) {
    signOut();
    sendToSignIn();
  }
  if (!response.ok) throw new Problem(response.status, json);
  return json;
}

/** The service answers JSON; anything else (a proxy's error page, say) becomes a plain detail. */
function parse(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 200) };
  }
}

function onSignInPage() {
  return location.pathname === '/' || location.pathname === '/index.html';
}

export const get = (path) => call('GET', path);
export const post = (path, options) => call('POST', path, options);

export function query(path, parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
