// Builds elements from text only (never HTML), so nothing the service returns can run as script.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A description list of [term, value] pairs; a value may be text or an element. */
export function pairs(entries, attributes = {}) {
  return el('dl', attributes, entries.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value ?? '—')]));
}

export function replace(target, ...children) {
  const node = typeof target === 'string' ? document.getElementById(target) : target;
  node.replaceChildren();
  append(node, children);
  return node;
}

export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

export function itemLink(id, text, asOf) {
  const query = new URLSearchParams({ id });
  if (asOf) query.set('asOf', asOf);
  return el('a', { href: '/item.html?' + query }, text ?? id);
}

/** "1 item", "3 items". */
export function count(n, noun) {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function when(instant) {
  if (!instant) return '—';
  const date = new Date(instant);
  return el('time', { datetime: instant }, date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
}
