// The fairness audit of one sanction, attribute and year: every group's rate, its ratio to the reference group
// (the lowest rate above 0) with the 95% interval drawn as an error bar, the four-fifths band 0.8 - 1.25 and the
// verdict (fails outside the band, passes inside, inconclusive when the interval crosses a line).
import { cached } from './api.js';
import { chart } from './charts.js';
import { num, pct, per1000, label, esc } from './format.js';

const COLORS = { fails: '#c8453b', passes: '#3a9d8f', inconclusive: '#8a93a6', reference: '#1d2433' };

// rows of GET /api/runs/{id}/audit, or (a run without its database or figures in memory) summary.json's audit
async function rows(base, summary, sanction, attribute, year) {
  try {
    const q = `year=${encodeURIComponent(year)}&sanction=${encodeURIComponent(sanction)}&attribute=${encodeURIComponent(attribute)}`;
    return await cached(`${base}/audit?${q}`);
  } catch (e) {
    const a = (((summary.audit[year] || {})[sanction]) || {})[attribute];
    if (!a) return [];
    // a summary.json written before the audit had ratios and intervals has rates and wrongful shares only
    const ratio = a.ratio || {}, ratio95 = a.ratio95 || {}, verdict = a.verdict || {}, wrongful = a.wrongful_share || {};
    return Object.keys(a.rates).map(value => ({
      value, reference: a.reference ?? null, rate: a.rates[value], ratio: ratio[value] ?? null,
      ratio_lo: ratio95[value] ? ratio95[value][0] : null, ratio_hi: ratio95[value] ? ratio95[value][1] : null,
      verdict: verdict[value] ?? null, wrongful_share: wrongful[value] ?? null,
    }));
  }
}

const interval = r => r.ratio_hi == null ? '' : ` <span class="muted small">[${r.ratio_lo.toFixed(2)}, ${r.ratio_hi.toFixed(2)}]</span>`;

// year ends per member are small over a whole group (0.003): two significant digits, not two decimals
const endsPerMember = v => (v == null ? '–' : v === 0 || v >= 0.1 ? v.toFixed(2) : v.toPrecision(2));

export async function auditPanel(box, base, summary, sanction, attribute, year) {
  const data = await rows(base, summary, sanction, attribute, year);
  if (!data.length) { box.innerHTML = '<div class="empty">No audit for this sanction.</div>'; return; }
  const reference = data[0].reference;
  const shown = data.filter(r => r.ratio != null);
  box.innerHTML = `<div class="sub">${esc(label(sanction))} by ${esc(attribute)}, ${esc(year)}: ${reference == null ? 'nobody under it'
      : `ratio to <b>${esc(label(reference))}</b>, the group with the lowest rate above 0, with 95% intervals`}</div>
    ${shown.length ? '<div class="chart" id="c-audit-ratio"></div>' : ''}
    <table class="audit"><thead><tr><th>Group</th><th class="num">per 1,000</th><th class="num">ratio [95%]</th>
      <th>four-fifths</th><th class="num">wrongful</th>
      <th class="num" title="year ends each member spent in the lowest tier, from the first year to this one">years in lowest tier per member</th>
      <th class="num" title="people of the group in the lowest tier at each of the last 3 year ends">locked in (lowest tier 3 year ends)</th></tr></thead><tbody>${data.map(r => `<tr>
      <td>${esc(label(r.value))}${r.people != null ? `<div class="muted small">${num(r.people)} people</div>` : ''}</td>
      <td class="num">${per1000(r.rate)}</td>
      <td class="num">${r.ratio == null ? '–' : r.ratio.toFixed(2) + interval(r)}</td>
      <td>${r.verdict == null ? '–' : `<span class="pill ${r.verdict === 'fails' ? 'bad' : r.verdict === 'passes' ? 'ok' : ''}">${esc(r.verdict)}</span>`}</td>
      <td class="num">${pct(r.wrongful_share)}</td>
      <td class="num">${endsPerMember(r.lowest_tier_years)}</td>
      <td class="num">${r.locked_in == null ? '–' : num(r.locked_in)}</td></tr>`).join('')}</tbody></table>`;
  if (!shown.length) return;
  const el = box.querySelector('#c-audit-ratio');
  el.style.height = `${Math.max(160, shown.length * 20 + 80)}px`;
  const order = shown.slice().reverse();
  const top = Math.max(1.5, ...order.map(r => r.ratio * 1.2));
  const max = Math.min(Math.max(top, ...order.map(r => r.ratio_hi || 0)), 2 * top);
  // ratios far apart (income 20 x, provinces about 1): a log axis, on which a ratio or bound of 0 sits at its left end
  const log = max > 4;
  const min = log ? Math.min(0.5, ...order.map(r => r.ratio_lo > 0 ? r.ratio_lo : 1)) / 1.2 : 0;
  const fit = x => Math.min(Math.max(x, min), max);
  chart(el, {
    tooltip: { trigger: 'item', confine: true, formatter: p => {
      const r = order[p.dataIndex];
      return `<b>${esc(label(r.value))}</b><br>ratio ${r.ratio.toFixed(2)}${r.ratio_hi == null ? ''
        : ` [${r.ratio_lo.toFixed(2)}, ${r.ratio_hi.toFixed(2)}]`}<br>${esc(r.verdict || '')}`;
    } },
    grid: { left: 110, right: 30, top: 16, bottom: 40 },
    xAxis: { type: log ? 'log' : 'value', min: log ? +min.toPrecision(2) : 0, max: log ? +max.toPrecision(2) : +max.toFixed(2),
      name: 'ratio to the reference' + (log ? ' (log scale)' : ''), nameLocation: 'middle', nameGap: 26,
      axisLabel: { color: '#5d6779' } },
    yAxis: { type: 'category', data: order.map(r => label(r.value)), axisLabel: { color: '#1d2433' }, axisTick: { show: false } },
    series: [
      { type: 'custom', clip: true, encode: { x: [1, 2], y: 0 },
        data: order.map((r, i) => [i, r.ratio_lo == null ? NaN : fit(r.ratio_lo), r.ratio_hi == null ? NaN : fit(r.ratio_hi)]),
        renderItem: (params, api) => {
          if (Number.isNaN(api.value(1))) return null;
          const lo = api.coord([api.value(1), api.value(0)]);
          const hi = api.coord([api.value(2), api.value(0)]);
          const h = api.size([0, 1])[1] * 0.35;
          const style = { stroke: COLORS[order[params.dataIndex].verdict] || '#8a93a6', lineWidth: 1.5 };
          return { type: 'group', children: [
            { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
            { type: 'line', shape: { x1: lo[0], y1: lo[1] - h / 2, x2: lo[0], y2: lo[1] + h / 2 }, style },
            { type: 'line', shape: { x1: hi[0], y1: hi[1] - h / 2, x2: hi[0], y2: hi[1] + h / 2 }, style }] };
        } },
      { type: 'scatter', symbolSize: 8,
        data: order.map((r, i) => ({ value: [fit(r.ratio), i], itemStyle: { color: COLORS[r.verdict] || '#8a93a6' } })),
        markLine: { symbol: 'none', silent: true, lineStyle: { color: '#c8453b', type: 'dashed', width: 1.5 },
          label: { position: 'end', color: '#c8453b', fontSize: 11 }, data: [{ xAxis: 0.8 }, { xAxis: 1.25 }] } },
    ],
  });
}
