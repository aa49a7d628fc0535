// Results: the scenario's claims (the press headline) explained, sanctions and blocked purchases over time, tiers, scores,
// where sanctions fall, the fairness audit with the four-fifths line, wrongful sanctions.
import { get, cached } from './api.js';
import { chart, legend, sideLegend, valueAxis, categoryAxis, PALETTE } from './charts.js';
import * as uncertainty from './uncertainty.js';
import { compact, num, pct, per1000, label, esc, sampleText } from './format.js';
import { auditPanel } from './audit.js';

export async function render(main, args) {
  const runs = await get('/api/runs');
  const done = runs.filter(r => r.status === 'done');
  if (!done.length) {
    main.innerHTML = `<div class="head"><div><h1>Results</h1></div></div>
      <div class="card empty">No finished run yet. <a href="#/run">Start one</a>: the minimal scenario takes seconds.</div>`;
    return;
  }
  if (args[0] && !done.some(r => r.id === args[0])) {
    notFound(main, 'Results', args[0], runs, done[0]);
    return;
  }
  const id = args[0] || done[0].id;
  if (args[0] !== id) history.replaceState(null, '', `#/results/${encodeURIComponent(id)}`);
  const run = await get(`/api/runs/${encodeURIComponent(id)}`);
  const summary = await cached(`/api/runs/${encodeURIComponent(id)}/summary`);
  const years = Object.keys(summary.years);
  const first = summary.years[years[0]];
  const last = summary.years[years[years.length - 1]];
  const sanctions = Object.keys(first.sanctioned);
  const modes = Object.keys(first.blocked);
  const tiers = Object.keys(first.tier_end);
  const attributes = Object.keys((summary.audit[years[0]] || {})[sanctions[0]] || {});
  const base = `/api/runs/${encodeURIComponent(id)}`;
  // what each metric counts, as the engine declares it
  const defined = Object.fromEntries((await cached('/api/metrics')).map(m => [m.name, m]));
  const means = name => esc(`${defined[name].definition} (${defined[name].unit})`);

  main.innerHTML = `
    <div class="head">
      <div><h1>Results: ${esc(summary.scenario)}</h1>
        <p class="lede">Seed ${summary.seed}, ${sampleText(summary.sample)}; ${years[0]}–${years[years.length - 1]}.
        Counts are people (or events) in the whole represented population${summary.sample < 1 ? ', scaled up from the sample' : ''}.</p></div>
      <label class="field">Run<select id="pick">${done.map(r => `<option value="${esc(r.id)}" ${r.id === id ? 'selected' : ''}>
        ${esc(r.scenario)} · seed ${r.seed} · ${sampleText(r.sample)} · ${esc(r.id.slice(-11))}</option>`).join('')}</select></label>
    </div>
    <div class="chips" style="margin-bottom:16px">
      <div class="chip"><b>${compact(last.population)}</b><span>people represented</span></div>
      <div class="chip"><b>${compact(summary.people)}</b><span>people simulated</span></div>
      <div class="chip"><b>${compact(summary.households)}</b><span>households simulated</span></div>
      <div class="chip"><b>${summary.timing ? summary.timing.seconds + ' s' : '–'}</b><span>computing time</span></div>
      <div class="chip"><b>${compact(last.travel_banned)}</b><span>under a travel ban in ${years[years.length - 1]}</span></div>
      <div class="chip"><b><a href="${base}/files/summary.json" target="_blank">summary.json</a>
        ${(run.files || []).includes('report.html') ? ` · <a href="${base}/files/report.html" target="_blank">report</a>` : ''}</b><span>downloads</span></div>
    </div>
    <div id="claims"></div>
    <div class="grid2">
      <div class="card"><header><div><h3>People under each sanction</h3>
        <div class="sub">${means('sanctioned')}</div></div></header>
        <div class="chart" id="c-sanctions"></div></div>
      <div class="card"><header><div><h3>Blocked ticket purchases</h3>
        <div class="sub">${means('blocked')}</div></div></header>
        <div class="chart" id="c-blocked"></div></div>
      <div class="card"><header><div><h3>Score tiers at year end</h3>
        <div class="sub">share of people in each tier on 31 December; <span id="tier-main"></span></div></div></header>
        <div class="chart" id="c-tiers"></div></div>
      <div class="card"><header><div><h3>Score distribution at year end, <span id="hist-year"></span></h3>
        <div class="sub">people per 10-point score band</div></div>
        <div class="row"><label class="small muted"><input type="checkbox" id="hist-log" checked> log scale</label>
        <input type="range" id="hist-slider" min="0" max="${years.length - 1}" value="${years.length - 1}" aria-label="year"></div></header>
        <div class="chart" id="c-hist"></div></div>
    </div>
    <div class="card" style="margin-top:16px">
      <header><div><h2>Who is sanctioned, and how fairly</h2>
        <div class="sub">rates per 1,000 people of each group; the audit divides each group's rate by the reference
        group's and applies the four-fifths rule to the 95% interval of that ratio (band 0.8 – 1.25)</div></div>
        <div class="row">
          <label class="field">Sanction<select id="f-sanction">${sanctions.map(s => `<option value="${esc(s)}">${esc(label(s))}</option>`).join('')}</select></label>
          <label class="field">Group by<select id="f-attr">${attributes.map(a => `<option ${a === 'province' ? 'selected' : ''}>${esc(a)}</option>`).join('')}</select></label>
          <label class="field">Year<select id="f-year">${years.map(y => `<option ${y === years[years.length - 1] ? 'selected' : ''}>${y}</option>`).join('')}</select></label>
        </div></header>
      <div class="grid2">
        <div><h3 id="rank-title"></h3><div class="sub" id="rank-sub"></div><div class="chart" id="c-rank"></div></div>
        <div><h3>Audit <span class="small muted" style="font-weight:400"><span class="legend-line"></span>four-fifths line</span></h3>
          <div class="sub">per group: sanction rate, ratio to the reference group with its 95% interval, the four-fifths
          verdict (inconclusive when the interval crosses 0.8 or 1.25), and the share of the sanctioned who were sanctioned wrongly</div>
          <div id="audit" style="margin-top:8px;max-height:420px;overflow:auto"></div></div>
      </div>
    </div>
    <div class="card" style="margin-top:16px" id="fines-card"><header><div><h3>Fines charged</h3>
      <div class="sub">${means('fines')}</div></div></header><div class="chart short" id="c-fines"></div></div>
    <div class="card" style="margin-top:16px"><header><div><h3>Wrongly sanctioned</h3>
      <div class="sub">share of the people under a sanction who would not have been without offences that cameras or
      databases misattributed to them</div></div></header><div class="chart short" id="c-wrongful"></div></div>`;

  main.querySelector('#pick').addEventListener('change', e => { location.hash = `#/results/${encodeURIComponent(e.target.value)}`; });

  claims(main.querySelector('#claims'), run.claims || []);

  const side = sideLegend(sanctions.length);
  chart(main.querySelector('#c-sanctions'), {
    legend: side.legend,
    grid: { left: 64, right: side.right, top: sanctions.length > 4 ? 20 : 44, bottom: 46 },
    xAxis: categoryAxis(years, 'year'),
    yAxis: valueAxis('people'),
    tooltip: uncertainty.tooltip(compact, (s, k) => ({ interval: uncertainty.interval(summary, years[k], 'sanctioned', s),
      simulated: uncertainty.simulated(summary, years[k], 'sanctioned', s) })),
    series: sanctions.map(s => ({ name: s, type: 'line', symbolSize: 6, z: 3,
      data: uncertainty.points(years.map(y => summary.years[y].sanctioned[s]), years,
        y => uncertainty.restsOnFew(summary, y, 'sanctioned', s)) }))
      .concat(uncertainty.bands(summary, years, 'sanctioned', sanctions, PALETTE)),
  });
  chart(main.querySelector('#c-blocked'), {
    legend: legend(),
    xAxis: categoryAxis(years, 'year'),
    yAxis: valueAxis('purchase attempts refused'),
    series: modes.map(m => ({ name: m, type: 'bar', barMaxWidth: 28, data: years.map(y => summary.years[y].blocked[m]) })),
  });
  const tierColors = ['#3a9d8f', '#8fc3a8', '#e0c060', '#e0a030', '#d0573f', '#a83a30', '#6d2a24'];
  const tierSide = sideLegend(tiers.length);
  // the tier nearly everyone is in hides the others at full scale: it starts hidden, and the axis
  // zooms to the share outside it (a click on its name shows it again)
  const share = (t, y) => 100 * summary.years[y].tier_end[t] / Math.max(1, summary.years[y].population);
  const mainTier = tiers.reduce((a, b) => (years.reduce((x, y) => x + share(b, y), 0) > years.reduce((x, y) => x + share(a, y), 0) ? b : a));
  main.querySelector('#tier-main').textContent = `tier ${label(mainTier)} (${pct(share(mainTier, years[years.length - 1]) / 100)} in ${years[years.length - 1]}) is hidden so that the others show: click it to show it`;
  chart(main.querySelector('#c-tiers'), {
    legend: Object.assign({}, tierSide.legend, { selected: { [mainTier]: false } }),
    grid: { left: 64, right: tierSide.right, top: tiers.length > 4 ? 20 : 44, bottom: 46 },
    tooltip: { trigger: 'axis', confine: true, valueFormatter: v => pct(v / 100) },
    xAxis: categoryAxis(years, 'year'),
    yAxis: valueAxis('share of people (%)', { max: v => Math.min(100, niceCeil(v.max)), axisLabel: { formatter: '{value}%', color: '#5d6779' } }),
    series: tiers.map((t, i) => ({
      name: t, type: 'bar', stack: 'tiers', barMaxWidth: 40, itemStyle: { color: tierColors[Math.min(i, tierColors.length - 1)] },
      data: years.map(y => 100 * summary.years[y].tier_end[t] / Math.max(1, summary.years[y].population)),
    })),
  });

  histogram(main, base, years);
  fines(main.querySelector('#fines-card'), summary, years, defined.fines.unit);
  const wrongfulYears = years;
  chart(main.querySelector('#c-wrongful'), {
    legend: side.legend,
    tooltip: { trigger: 'axis', confine: true, valueFormatter: v => (v === null ? '–' : v.toFixed(2) + '%') },
    grid: { left: 64, right: side.right, top: sanctions.length > 4 ? 14 : 40, bottom: 40 },
    xAxis: categoryAxis(wrongfulYears, 'year'),
    yAxis: valueAxis('% of the sanctioned', { axisLabel: { formatter: v => v + '%', color: '#5d6779' } }),
    tooltip: uncertainty.tooltip(v => (v === null ? '–' : v.toFixed(2) + '%'), (s, k) => wrongfulShare(summary, wrongfulYears[k], s)),
    series: sanctions.map(s => ({ name: s, type: 'line', symbolSize: 6, data: uncertainty.points(wrongfulYears.map(y => {
      const n = summary.years[y].sanctioned[s];
      return n > 0 ? 100 * summary.years[y].wrongful[s] / n : null;
    }), wrongfulYears, y => uncertainty.restsOnFew(summary, y, 'wrongful', s)) })),
  });
  main.querySelectorAll('#c-sanctions, #c-wrongful').forEach(c => c.insertAdjacentHTML('afterend',
    `<div class="sub uncertainty-note">${uncertainty.note(summary)}</div>`));

  const update = () => fairness(main, base, summary, main.querySelector('#f-sanction').value,
    main.querySelector('#f-attr').value, main.querySelector('#f-year').value);
  ['#f-sanction', '#f-attr', '#f-year'].forEach(s => main.querySelector(s).addEventListener('change', update));
  await update();
}

// The wrongful share's interval: the wrongful count's, over the sanctioned (the larger count's own
// spread is left aside), and what the share rests on: the simulated people sanctioned wrongly.
function wrongfulShare(summary, year, s) {
  const n = summary.years[year].sanctioned[s];
  const b = uncertainty.interval(summary, year, 'wrongful', s);
  return { interval: b && n > 0 ? b.map(x => 100 * x / n) : null, simulated: uncertainty.simulated(summary, year, 'wrongful', s) };
}

// Each claim the scenario carries (such as the press's "23 M people barred from travel"), with the
// model's figures the scenario sets beside it.
function claims(box, list) {
  box.innerHTML = list.map((c, i) => `<div class="card" style="margin-bottom:16px"><header><div>
      <h2>The ${esc(c.by)} figure, explained</h2>
      <div class="sub">“${esc(c.wording)}” (${esc(c.source)})</div></div></header>
    <div class="press"><div>
      <p class="sentence">The ${esc(c.by)} reported <strong class="claim">${compact(c.claimed)}</strong> for ${c.year}.
      The model has ${c.beside.map(b => `<strong>${compact(b.model)}</strong> ${esc(b.label)}`).join('; ')}.</p>
      ${c.explanation ? `<p class="why">${esc(c.explanation)}</p>` : ''}</div>
      <div class="chart short" id="c-claim-${i}"></div></div></div>`).join('');
  list.forEach((c, i) => {
    const items = [[`${c.by}: claimed`, c.claimed, '#c8453b']]
      .concat(c.beside.map((b, k) => [b.label, b.model, ['#2f5d9b', '#8fa6c8', '#6d7a90', '#4e8f6a'][k % 4]]));
    chart(box.querySelector(`#c-claim-${i}`), {
      tooltip: { trigger: 'item', valueFormatter: v => compact(v) },
      grid: { left: 200, right: 60, top: 10, bottom: 44 },
      xAxis: valueAxis('as counted', { nameGap: 26 }),
      yAxis: { type: 'category', inverse: true, data: items.map(x => x[0]),
        axisLabel: { color: '#1d2433', width: 190, overflow: 'break' }, axisTick: { show: false } },
      series: [{ type: 'bar', barWidth: 18, data: items.map(x => ({ value: x[1], itemStyle: { color: x[2] } })),
        label: { show: true, position: 'right', formatter: d => compact(d.value), color: '#1d2433' } }],
    });
  });
}

/** The round number at or above v that an axis ends on: 21.07 -> 30, 0.31 -> 0.4. */
function niceCeil(v) {
  if (!(v > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / step) * step;
}

// Fines charged per year and behaviour, in the metric's unit (yuan); no card when the scenario fines nothing.
function fines(card, summary, years, unit) {
  const fined = Object.keys(summary.years[years[0]].fines || {})
    .filter(b => years.some(y => summary.years[y].fines[b] > 0));
  if (!fined.length) { card.remove(); return; }
  const side = sideLegend(fined.length);
  chart(card.querySelector('#c-fines'), {
    legend: side.legend,
    tooltip: { trigger: 'axis', confine: true, valueFormatter: v => `${compact(v)} ${unit}` },
    grid: { left: 64, right: side.right, top: fined.length > 4 ? 14 : 40, bottom: 40 },
    xAxis: categoryAxis(years, 'year'),
    yAxis: valueAxis(`fines charged (${unit})`),
    series: fined.map(b => ({ name: b, type: 'bar', stack: 'fines', barMaxWidth: 40, data: years.map(y => summary.years[y].fines[b]) })),
  });
}

/** A run id that names no finished run: said so, with the way to the latest (never another run's results in its place). */
export function notFound(main, page, wanted, runs, latest) {
  const known = runs.find(r => r.id === wanted);
  main.innerHTML = `<div class="head"><div><h1>${esc(page)}</h1></div></div>
    <div class="card empty" id="not-found"><b>Run not found:</b> <span class="mono">${esc(wanted)}</span>
    ${known ? `is ${esc(known.status)}, not finished.` : 'is no run of this dashboard.'}
    <a href="#/${page.toLowerCase()}/${encodeURIComponent(latest.id)}">See the latest finished run</a>
    (${esc(latest.scenario)}, ${esc(latest.id)}).</div>`;
}

async function histogram(main, base, years) {
  const el = main.querySelector('#c-hist');
  let h;
  try { h = await cached(`${base}/score_hist`); } catch (e) { el.innerHTML = `<div class="empty">${esc(e.message)}</div>`; return; }
  const all = Object.values(h.years);
  let lo = Infinity;
  let hi = -1;
  all.forEach(c => c.forEach((n, i) => { if (n > 0) { lo = Math.min(lo, i); hi = Math.max(hi, i); } }));
  if (hi < 0) { lo = 0; hi = 0; }
  lo = Math.max(0, lo - 1);
  hi = Math.min(all[0].length - 1, hi + 1);
  const bins = [];
  for (let i = lo; i <= hi; i++) bins.push(String(h.binLow + 10 * i));
  const slider = main.querySelector('#hist-slider');
  const log = main.querySelector('#hist-log');
  const draw = () => {
    const y = years[+slider.value];
    main.querySelector('#hist-year').textContent = y;
    const counts = (h.years[y] || []).slice(lo, hi + 1).map(n => (log.checked && n === 0 ? null : n));
    chart(el, {
      tooltip: { trigger: 'axis', confine: true, formatter: ps => `score ${ps[0].name}–${+ps[0].name + 9}: <b>${num(ps[0].value)}</b> people` },
      grid: { left: 64, right: 22, top: 20, bottom: 46 },
      xAxis: categoryAxis(bins, 'score at year end (lower edge of each 10-point band)', { axisLabel: { color: '#5d6779', hideOverlap: true } }),
      yAxis: valueAxis(log.checked ? 'people (log scale)' : 'people', log.checked ? { type: 'log', min: 1, logBase: 10 } : {}),
      series: [{ type: 'bar', barCategoryGap: '8%', itemStyle: { color: '#5b8fd6' }, data: counts }],
    });
  };
  slider.addEventListener('input', draw);
  log.addEventListener('change', draw);
  draw();
}

async function fairness(main, base, summary, sanction, attribute, year) {
  const audit = (((summary.audit[year] || {})[sanction]) || {});
  main.querySelector('#rank-title').textContent = `${label(sanction)} per 1,000 people, by ${attribute}, ${year}`;
  main.querySelector('#rank-sub').textContent = 'people with the sanction at any time of the year, per 1,000 people of the group; highest first';
  let rows = [];
  try {
    const q = `attribute=${encodeURIComponent(attribute)}`;
    const [s, p] = await Promise.all([
      cached(`${base}/metrics?${q}&metric=sanctioned&item=${encodeURIComponent(sanction)}`),
      cached(`${base}/metrics?${q}&metric=population`)]);
    const pop = new Map(p.filter(r => String(r.year) === year).map(r => [r.value, r.count]));
    rows = s.filter(r => String(r.year) === year).map(r => ({ value: r.value, count: r.count, pop: pop.get(r.value) || 0 }))
      .map(r => ({ ...r, rate: r.pop > 0 ? r.count / r.pop : 0 }));
  } catch (e) {
    // runs without their figures in memory or results.duckdb: the audit's rates of summary.json
    rows = Object.entries((audit[attribute] || {}).rates || {}).map(([value, rate]) => ({ value, rate: rate || 0 }));
  }
  rows.sort((a, b) => b.rate - a.rate);
  const el = main.querySelector('#c-rank');
  el.style.height = `${Math.max(240, rows.length * 22 + 70)}px`;
  const top = rows.length ? rows[0].rate : 0;
  chart(el, {
    tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' }, formatter: ps => {
      const r = rows[rows.length - 1 - ps[0].dataIndex];
      return `<b>${esc(label(r.value))}</b><br>${per1000(r.rate)} per 1,000` + (r.count !== undefined ? `<br>${num(r.count)} of ${num(r.pop)} people` : '');
    } },
    grid: { left: 110, right: 50, top: 28, bottom: 44 },
    xAxis: valueAxis('per 1,000 people', { nameGap: 28, axisLabel: { color: '#5d6779' } }),
    yAxis: { type: 'category', data: rows.map(r => label(r.value)).reverse(), axisLabel: { color: '#1d2433' }, axisTick: { show: false } },
    series: [{ type: 'bar', barMaxWidth: 16, data: rows.map(r => 1000 * r.rate).reverse(),
      itemStyle: { color: p => (rows[rows.length - 1 - p.dataIndex].rate < 0.8 * top ? '#d0573f' : '#2f5d9b') },
      label: { show: rows.length <= 40, position: 'right', formatter: d => per1000(d.value / 1000), color: '#5d6779', fontSize: 11 },
      markLine: top > 0 ? { symbol: 'none', silent: true, lineStyle: { color: '#c8453b', type: 'dashed', width: 1.5 },
        label: { formatter: '⅘ of the highest', position: 'end', color: '#c8453b', fontSize: 11 },
        data: [{ xAxis: 800 * top }] } : undefined }],
  });
  await auditPanel(main.querySelector('#audit'), base, summary, sanction, attribute, year);
}

