// The dashboard talks to the server only through the HTTP API of docs/OUTPUTS.md.

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

// The server refuses changes that do not come from its own page: the page shows it came from there
// with the token the server put in the page's meta tag (the browser's Origin header says so too).
const TOKEN = document.querySelector('meta[name="scoresim-token"]')?.content || '';
const changing = headers => ({ ...headers, 'X-Scoresim-Token': TOKEN });

async function answer(res) {
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = { error: text }; }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

export async function get(url) {
  return answer(await fetch(url, { headers: { Accept: 'application/json' } }));
}

export async function getText(url) {
  const res = await fetch(url);
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
  return res.text();
}

export async function post(url, value) {
  return answer(await fetch(url, {
    method: 'POST',
    headers: changing({ 'Content-Type': 'application/json', Accept: 'application/json' }),
    body: JSON.stringify(value),
  }));
}

export async function postText(url, text, signal) {
  return answer(await fetch(url, { method: 'POST', headers: changing({ 'Content-Type': 'text/yaml' }), body: text, signal }));
}

export async function del(url) {
  return answer(await fetch(url, { method: 'DELETE', headers: changing({}) }));
}

// cached per page view
const cache = new Map();
export function cached(url) {
  if (!cache.has(url)) cache.set(url, get(url).catch(e => { cache.delete(url); throw e; }));
  return cache.get(url);
}
export function forget(prefix) {
  for (const k of [...cache.keys()]) if (k.startsWith(prefix)) cache.delete(k);
}
