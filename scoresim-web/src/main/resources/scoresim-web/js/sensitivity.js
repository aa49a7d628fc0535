// Sensitivity: the analyses of `scoresim sensitivity` in the runs folder, each output's indices as bars
// with their 95% bootstrap intervals, and the table of them.
import { get } from './api.js';
import { chart, legend, valueAxis, categoryAxis } from './charts.js';
import { esc } from './format.js';

const fmt = (x, d = 3) => (x === null || x === undefined || Number.isNaN(x)) ? 'n/a' : Number(x).toFixed(d);
const big = x => (x === null || x === undefined) ? 'n/a' : Math.round(x).toLocaleString('en-US');

// whiskers drawn by a custom series: [category, low, high], shifted by offset (a share of the band)
function whiskers(rows, offset) {
  return {
    type: 'custom', name: '95% interval', z: 10, tooltip: { show: false },
    renderItem: (params, api) => {
      const band = api.size([1, 0])[0];
      const lo = api.coord([api.value(0), api.value(1)]);
      const hi = api.coord([api.value(0), api.value(2)]);
      const x = lo[0] + offset * band;
      const w = band * 0.08;
      const style = { stroke: '#1d2433', lineWidth: 1.4 };
      return { type: 'group', children: [
        { type: 'line', shape: { x1: x, y1: lo[1], x2: x, y2: hi[1] }, style },
        { type: 'line', shape: { x1: x - w, y1: lo[1], x2: x + w, y2: lo[1] }, style },
        { type: 'line', shape: { x1: x - w, y1: hi[1], x2: x + w, y2: hi[1] }, style }] };
    },
    data: rows,
  };
}

export async function render(main, args) {
  const list = await get('/api/sensitivity');
  main.innerHTML = `
    <div class="head"><div><h1>Sensitivity</h1>
      <p class="lede">Which assumed or calibrated value drives an output: Sobol indices (the share of the output's variance a
      value explains alone, and with its interactions) or Morris effects, from <code>./scoresim sensitivity ... --out runs/NAME</code>.</p></div></div>
    <div class="card"><header><div><h2>Analyses</h2><div class="sub">folders of the runs folder holding sensitivity.json</div></div>
      <div class="row">${list.length ? `<label class="field">Analysis<select id="sa">${list.map(a =>
        `<option value="${esc(a.id)}" ${a.id === args[0] ? 'selected' : ''}>${esc(a.scenario)} · ${esc(a.method)} · ${esc(a.years)} · ${a.runs} runs · ${esc(a.id)}</option>`).join('')}</select></label>` : ''}</div></header>
      ${list.length ? '<div id="facts" class="muted small"></div>' : '<div class="empty">No sensitivity analysis in the runs folder yet.</div>'}
    </div>
    <div id="outputs"></div>`;
  if (!list.length) return;
  const select = main.querySelector('#sa');
  const show = async id => {
    const d = await get('/api/sensitivity/' + encodeURIComponent(id));
    const sobol = d.method === 'sobol';
    main.querySelector('#facts').textContent = `${d.scenario}: ${sobol ? 'Sobol indices' : 'Morris effects'}, ${d.samples} samples, `
      + `${d.replications} replication${d.replications === 1 ? '' : 's'}, ${d.runs.total} model runs, ${100 * d.sample}% of households, `
      + `outputs of ${d.years.label}; ranges: ${d.factors.map(f => `${f.key} ${f.low}..${f.high}${f.log ? ' (log)' : ''}`).join(', ')}`;
    const host = main.querySelector('#outputs');
    host.innerHTML = '';
    const entries = sobol ? d.indices : d.effects;
    const metrics = [...new Set(entries.map(e => e.metric))];
    metrics.forEach((metric, n) => {
      const rows = entries.filter(e => e.metric === metric);
      const out = (d.outputs || []).find(o => o.metric === metric) || {};
      const card = document.createElement('div');
      card.className = 'card';
      card.style.marginTop = '16px';
      const floor = out.noise_floor;
      card.innerHTML = `<header><div><h2>${esc(metric)}</h2><div class="sub">mean ${big(out.mean)}, sd ${big(out.sd)} over the design`
        + `${floor === null || floor === undefined ? '; one replication: no noise floor' : `; noise floor ${fmt(floor)}`}</div></div></header>
        <div class="chart tall" id="sc-${n}"></div>
        <table class="table"><thead><tr>${(sobol ? ['key', 'first order', '95% interval', 'total order', '95% interval', '']
          : ['key', 'mu*', '95% interval', 'mu', 'sigma', '']).map(h => `<th>${h}</th>`).join('')}</tr></thead><tbody>
        ${rows.map(e => sobol
          ? `<tr><td>${esc(e.key)}</td><td>${fmt(e.first_order)}</td><td>[${fmt(e.first_order_ci[0])}, ${fmt(e.first_order_ci[1])}]</td>
             <td>${fmt(e.total_order)}</td><td>[${fmt(e.total_order_ci[0])}, ${fmt(e.total_order_ci[1])}]</td><td class="muted">${e.total_order_within_noise ? 'within noise' : ''}</td></tr>`
          : `<tr><td>${esc(e.key)}</td><td>${big(e.mu_star)}</td><td>[${big(e.mu_star_ci[0])}, ${big(e.mu_star_ci[1])}]</td>
             <td>${big(e.mu)}</td><td>${big(e.sigma)}</td><td class="muted">${e.within_noise ? 'within noise' : ''}</td></tr>`).join('')}
        </tbody></table>`;
      host.appendChild(card);
      const keys = rows.map(e => e.key);
      const series = sobol ? [
        { type: 'bar', name: 'first order', data: rows.map(e => e.first_order) },
        { type: 'bar', name: 'total order', data: rows.map(e => e.total_order),
          markLine: floor === null || floor === undefined ? undefined
            : { symbol: 'none', lineStyle: { type: 'dashed', color: '#d0573f' }, label: { formatter: 'noise floor' }, data: [{ yAxis: floor }] } },
        whiskers(rows.map((e, i) => [i, e.first_order_ci[0], e.first_order_ci[1]]), -0.2),
        whiskers(rows.map((e, i) => [i, e.total_order_ci[0], e.total_order_ci[1]]), 0.2),
      ] : [
        { type: 'bar', name: 'mu*', data: rows.map(e => e.mu_star) },
        { type: 'bar', name: 'sigma', data: rows.map(e => e.sigma) },
        whiskers(rows.map((e, i) => [i, e.mu_star_ci[0], e.mu_star_ci[1]]), -0.2),
      ];
      chart(card.querySelector(`#sc-${n}`), {
        legend: legend({ data: sobol ? ['first order', 'total order'] : ['mu*', 'sigma'] }),
        grid: { left: 64, right: 22, top: 44, bottom: 70 },
        xAxis: categoryAxis(keys, '', { axisLabel: { interval: 0, color: '#5d6779', overflow: 'break', width: 160 } }),
        yAxis: valueAxis(sobol ? 'share of variance' : 'per whole range'),
        tooltip: { trigger: 'axis', valueFormatter: v => fmt(v) },
        series,
      });
    });
  };
  select.addEventListener('change', () => { location.hash = '#/sensitivity/' + encodeURIComponent(select.value); });
  await show(select.value);
}
