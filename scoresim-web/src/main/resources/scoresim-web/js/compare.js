// Compare: two runs on the same axes, and whom a policy difference moved (same people, same draws).
import { get, post, cached } from './api.js';
import { chart, legend, valueAxis, categoryAxis } from './charts.js';
import { compact, num, label, esc, sampleText } from './format.js';
import { defaultSample } from './run.js';
import { FEW } from './uncertainty.js';

export async function render(main) {
  const [runs, scenarios] = await Promise.all([get('/api/runs'), get('/api/scenarios')]);
  const done = runs.filter(r => r.status === 'done');
  const names = scenarios.map(s => s.name);
  const pickA = names.includes('china-2013-2020') ? 'china-2013-2020' : names[0];
  const pickB = names.includes('china-no-false-matches') ? 'china-no-false-matches' : names[1] || names[0];
  // two comparable runs by default: the latest, and the latest other run of the same seed, sample and
  // population (a policy variant of the same scenario family), else of the same scenario
  const outline = n => scenarios.find(s => s.name === n) || {};
  const family = (a, b) => outline(a.scenario).people === outline(b.scenario).people
    && JSON.stringify(outline(a.scenario).years) === JSON.stringify(outline(b.scenario).years);
  const latest = done[0];
  const partner = latest && (done.find(r => r !== latest && r.seed === latest.seed && r.sample === latest.sample
      && r.scenario !== latest.scenario && family(r, latest))
    || done.find(r => r !== latest && r.sample === latest.sample && family(r, latest))
    || done[1] || latest);
  const option = (r, sel) => `<option value="${esc(r.id)}" ${sel ? 'selected' : ''}>${esc(r.scenario)} · seed ${r.seed} · ${sampleText(r.sample)} · ${esc(r.id.slice(-11))}</option>`;
  main.innerHTML = `
    <div class="head"><div><h1>Compare</h1>
      <p class="lede">Two runs side by side on the same axes; or two policies run on the very same synthetic people with
      the same random draws, which shows exactly whom the difference moved, free of sampling noise.</p></div></div>
    <div class="card"><header><div><h2>Two runs side by side</h2><div class="sub">any two finished runs</div></div>
      <div class="row">
        <label class="field">Run A<select id="ra">${done.map(r => option(r, r === partner)).join('')}</select></label>
        <label class="field">Run B<select id="rb">${done.map(r => option(r, r === latest)).join('')}</select></label>
        <label class="field">Sanction<select id="rs"></select></label></div></header>
      ${done.length ? `<div class="grid2"><div class="chart" id="c-side"></div><div class="chart" id="c-side-blocked"></div></div>
        <div class="sub" id="side-note"></div><div class="chart short" id="c-side-diff"></div>
        <div id="side-table" style="margin-top:8px"></div>` : '<div class="empty">No finished run yet: <a href="#/run">start one</a>.</div>'}
    </div>
    <div class="card" style="margin-top:16px"><header><div><h2>Whom did the policy difference move?</h2>
      <div class="sub">both scenarios run together on the same households; they must describe the same population</div></div></header>
      <form class="row" id="cf">
        <label class="field">Policy A<select id="sa">${names.map(n => `<option ${n === pickA ? 'selected' : ''}>${esc(n)}</option>`).join('')}</select></label>
        <label class="field">Policy B<select id="sb">${names.map(n => `<option ${n === pickB ? 'selected' : ''}>${esc(n)}</option>`).join('')}</select></label>
        <label class="field">Sample<input id="cs" type="number" step="any" min="0.000001" max="1" style="width:110px"></label>
        <label class="field">Seed<input id="cseed" type="number" step="1" value="1" style="width:80px"></label>
        <button type="submit" id="cgo" style="align-self:flex-end">Compare on the same people</button>
        <span class="muted small" id="cnote" style="align-self:flex-end"></span>
      </form>
      <div id="moved" style="margin-top:12px"></div>
    </div>`;

  const sizeOf = n => (scenarios.find(s => s.name === n) || {}).people;
  const cs = main.querySelector('#cs');
  const resample = () => { cs.value = defaultSample(Math.max(sizeOf(main.querySelector('#sa').value) || 0, sizeOf(main.querySelector('#sb').value) || 0)); };
  main.querySelector('#sa').addEventListener('change', resample);
  main.querySelector('#sb').addEventListener('change', resample);
  resample();

  if (done.length) {
    const side = async () => {
      const a = main.querySelector('#ra').value;
      const b = main.querySelector('#rb').value;
      const [sa, sb] = await Promise.all([a, b].map(id => cached(`/api/runs/${encodeURIComponent(id)}/summary`)));
      const sel = main.querySelector('#rs');
      if (!sel) return; // the page was left meanwhile
      const common = Object.keys(Object.values(sa.years)[0].sanctioned).filter(s => s in Object.values(sb.years)[0].sanctioned);
      const keep = common.includes(sel.value) ? sel.value : common[0];
      sel.innerHTML = common.map(s => `<option value="${esc(s)}" ${s === keep ? 'selected' : ''}>${esc(label(s))}</option>`).join('');
      const years = [...new Set([...Object.keys(sa.years), ...Object.keys(sb.years)])].sort();
      const nameA = `A: ${sa.scenario}`;
      const nameB = `B: ${sb.scenario}` + (sa.scenario === sb.scenario ? ' ' : '');
      chart(main.querySelector('#c-side'), {
        title: { text: `People under ${label(keep)}`, left: 0, top: 0, textStyle: { fontSize: 13, fontWeight: 600 } },
        legend: legend({ top: 24 }), grid: { left: 64, right: 22, top: 64, bottom: 46 },
        xAxis: categoryAxis(years, 'year'), yAxis: valueAxis('people'),
        series: [[nameA, sa, '#2f5d9b'], [nameB, sb, '#d0573f']].map(([n, s, c]) => ({ name: n, type: 'line', symbolSize: 6,
          itemStyle: { color: c }, data: years.map(y => (s.years[y] ? s.years[y].sanctioned[keep] : null)) })),
      });
      // small differences vanish between two big lines: B - A on its own axis shows them
      const comparable = sa.seed === sb.seed && sa.sample === sb.sample;
      main.querySelector('#side-note').textContent = comparable
        ? `Same seed and sample: the same synthetic people, so B − A is the policy's difference, not sampling noise.`
        : `Different seeds or samples: B − A mixes the policies' difference with sampling noise.`;
      const diff = years.map(y => (sa.years[y] && sb.years[y] ? sb.years[y].sanctioned[keep] - sa.years[y].sanctioned[keep] : null));
      chart(main.querySelector('#c-side-diff'), {
        title: { text: `B − A: people under ${label(keep)}`, left: 0, top: 0, textStyle: { fontSize: 13, fontWeight: 600 } },
        grid: { left: 64, right: 22, top: 36, bottom: 40 },
        xAxis: categoryAxis(years, 'year'), yAxis: valueAxis('people (B − A)'),
        series: [{ name: 'B − A', type: 'bar', barMaxWidth: 28, data: diff.map(v => (v === null ? null
          : { value: v, itemStyle: { color: v < 0 ? '#2f5d9b' : '#d0573f' } })),
          label: { show: true, position: 'top', formatter: d => (d.value > 0 ? '+' : '') + compact(d.value), color: '#5d6779', fontSize: 11 } }],
      });
      const blocked = s => y => (s.years[y] ? Object.values(s.years[y].blocked).reduce((x, v) => x + v, 0) : null);
      chart(main.querySelector('#c-side-blocked'), {
        title: { text: 'Blocked ticket purchases, all modes', left: 0, top: 0, textStyle: { fontSize: 13, fontWeight: 600 } },
        legend: legend({ top: 24 }), grid: { left: 64, right: 22, top: 64, bottom: 46 },
        xAxis: categoryAxis(years, 'year'), yAxis: valueAxis('purchase attempts refused'),
        series: [[nameA, sa, '#2f5d9b'], [nameB, sb, '#d0573f']].map(([n, s, c]) => ({ name: n, type: 'bar', barMaxWidth: 22,
          itemStyle: { color: c }, data: years.map(blocked(s)) })),
      });
      const y = years[years.length - 1];
      const row = (t, f) => `<tr><td>${t}</td><td class="num">${compact(f(sa))}</td><td class="num">${compact(f(sb))}</td>
        <td class="num">${f(sa) === null || f(sb) === null ? '–' : f(sb) === f(sa) ? '0' : (f(sb) > f(sa) ? '+' : '−') + compact(Math.abs(f(sb) - f(sa)))}</td></tr>`;
      const at = k => s => (s.years[y] ? k(s.years[y]) : null);
      main.querySelector('#side-table').innerHTML = `<table><thead><tr><th>${y}</th><th class="num">A</th><th class="num">B</th>
        <th class="num">B − A</th></tr></thead><tbody>
        ${row(`people under ${esc(label(keep))}`, at(v => v.sanctioned[keep]))}
        ${row(`wrongly under ${esc(label(keep))}`, at(v => v.wrongful[keep]))}
        ${row('people under any travel ban', at(v => v.travel_banned))}
        ${row('people in the lowest tier for 3 years', at(v => v.locked_in))}</tbody></table>`;
    };
    ['#ra', '#rb', '#rs'].forEach(s => main.querySelector(s).addEventListener('change', side));
    await side();
  }

  main.querySelector('#cf').addEventListener('submit', async e => {
    e.preventDefault();
    const note = main.querySelector('#cnote');
    const box = main.querySelector('#moved');
    const go = main.querySelector('#cgo');
    go.disabled = true;
    note.textContent = 'running both policies on the same people…';
    box.innerHTML = '';
    try {
      const c = await post('/api/compare', { a: main.querySelector('#sa').value, b: main.querySelector('#sb').value,
        seed: Number(main.querySelector('#cseed').value), sample: Number(cs.value) });
      note.textContent = '';
      moved(box, c);
    } catch (err) {
      note.textContent = '';
      box.innerHTML = `<div class="errors">${esc(err.message)}</div>`;
    } finally {
      go.disabled = false;
    }
  });
}

function moved(box, c) {
  const years = Object.keys(c.years);
  const sanctions = years.length ? Object.keys(c.years[years[0]]) : [];
  if (!sanctions.length) { box.innerHTML = '<div class="empty">The two scenarios share no sanction.</div>'; return; }
  box.innerHTML = `<div class="row"><label class="field">Sanction<select id="ms">${sanctions.map(s =>
    `<option value="${esc(s)}">${esc(label(s))}</option>`).join('')}</select></label>
    <span class="muted small">A = ${esc(c.a)}, B = ${esc(c.b)}, seed ${c.seed}, ${sampleText(c.sample)}</span></div>
    <div class="grid2"><div class="chart" id="c-moved"></div><div id="moved-table"></div></div>`;
  const draw = () => {
    const s = box.querySelector('#ms').value;
    chart(box.querySelector('#c-moved'), {
      // the people under both would dwarf those the difference moved: hidden until clicked
      legend: legend({ data: ['under both', 'only under A', 'only under B'], selected: { 'under both': false } }),
      xAxis: categoryAxis(years, 'year'), yAxis: valueAxis('people', { minInterval: 1 }),
      series: [['under both', 'both', '#9aa7bb'], ['only under A', 'only_a', '#2f5d9b'], ['only under B', 'only_b', '#d0573f']]
        .map(([n, k, col]) => ({ name: n, type: 'bar', stack: 'p', barMaxWidth: 40, itemStyle: { color: col },
          data: years.map(y => c.years[y][s][k]) })),
    });
    // B − A with its 95% interval (a sampled comparison only), marked ~ where it rests on fewer than FEW people moved
    const sampled = years.some(y => c.years[y][s].b_minus_a_interval95);
    const signed = v => (v > 0 ? '+' : v < 0 ? '−' : '') + num(Math.abs(v));
    const few = v => v.moved_simulated != null && v.moved_simulated > 0 && v.moved_simulated < FEW;
    box.querySelector('#moved-table').innerHTML = `<table><thead><tr><th>Year</th><th class="num">under A</th><th class="num">under B</th>
      <th class="num">both</th><th class="num">A only</th><th class="num">B only</th><th class="num">B − A</th>
      ${sampled ? '<th class="num">± 95%</th>' : ''}</tr></thead><tbody>${years.map(y => {
        const v = c.years[y][s];
        const i = v.b_minus_a_interval95;
        return `<tr><td>${y}</td><td class="num">${num(v.a)}</td><td class="num">${num(v.b)}</td><td class="num">${num(v.both)}</td>
          <td class="num">${num(v.only_a)}</td><td class="num">${num(v.only_b)}</td>
          <td class="num" data-moved="${v.moved_simulated ?? ''}">${few(v) ? `<b style="color:#b45309" title="rests on ${v.moved_simulated} simulated people moved">~</b> ` : ''}${signed(v.b_minus_a)}</td>
          ${sampled ? `<td class="num muted">${i ? '± ' + num((i[1] - i[0]) / 2) : '–'}</td>` : ''}</tr>`;
      }).join('')}</tbody></table>
      ${sampled ? `<div class="muted small" style="margin-top:6px">± 95%: the interval of B − A from the spread of the sample over the
        households (the same people under both policies). A difference marked ~ rests on fewer than ${FEW} simulated people
        moved: read it as an order of magnitude.</div>` : ''}`;
  };
  box.querySelector('#ms').addEventListener('change', draw);
  draw();
}
