// Numbers for people who are not statisticians: 23 M, 4.1 k, 1,234; shares as percentages.

export function num(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return Math.round(n).toLocaleString('en-US');
}

export function compact(n, from = 1e4) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  const a = Math.abs(n);
  if (a >= 1e9) return trim(n / 1e9) + ' bn';
  if (a >= 1e6) return trim(n / 1e6) + ' M';
  if (a >= from) return trim(n / 1e3) + ' k';
  return num(n);
}

/** Axis ticks: 5 k, 10 k, 15 k rather than 5,000 next to 10 k. */
export function tick(n) {
  return compact(n, 1e3);
}

function trim(x) {
  const a = Math.abs(x);
  return (a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : x.toFixed(2)).replace(/\.0+$/, '').replace(/(\.\d*[1-9])0+$/, '$1');
}

export function pct(x, digits = 1) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  return (100 * x).toFixed(digits) + '%';
}

export function per1000(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  const v = 1000 * x;
  return (v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3));
}

export function label(name) {
  return String(name).replace(/_/g, ' ');
}

export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

export function sampleText(f) {
  return f >= 1 ? 'every household' : `${+(f * 100).toPrecision(3)}% sample`;
}

export function date(year, day) {
  const d = new Date(Date.UTC(year, 0, 1) + Math.floor(day) * 86400000);
  return d.toISOString().slice(0, 10);
}
