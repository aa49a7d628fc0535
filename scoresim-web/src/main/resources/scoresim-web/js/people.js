// People: sampled lives of a run (sanctioned, wrongly sanctioned, locked in, rewarded), each as a
// score line with tiers and sanctions, the years at a glance, and every event.
import { get, cached } from './api.js';
import { chart } from './charts.js';
import { compact, num, label, esc, sampleText, date } from './format.js';
import { notFound } from './results.js';

const CATEGORIES = {
  sanctioned: 'Sanctioned', wrongful: 'Wrongly sanctioned', locked_in: 'Locked in', rewarded: 'Rewarded',
};
const ABOUT = {
  sanctioned: 'people under some sanction at some time',
  wrongful: 'people sanctioned only because of offences misattributed to them',
  locked_in: 'people in the lowest tier three year ends running',
  rewarded: 'people who received a reward',
};

export async function render(main, args) {
  const all = await get('/api/runs');
  const runs = all.filter(r => r.status === 'done');
  if (!runs.length) {
    main.innerHTML = `<div class="head"><div><h1>People</h1></div></div>
      <div class="card empty">No finished run yet. <a href="#/run">Start one</a>, then follow its people here.</div>`;
    return;
  }
  if (args[0] && !runs.some(r => r.id === args[0])) {
    notFound(main, 'People', args[0], all, runs[0]);
    return;
  }
  const id = args[0] || runs[0].id;
  const run = runs.find(r => r.id === id);
  if (args[0] !== id) history.replaceState(null, '', `#/people/${encodeURIComponent(id)}`);
  main.innerHTML = `
    <div class="head"><div><h1>People</h1>
      <p class="lede">Synthetic people of the run, re-simulated one by one from their own random draws: the same lives
      as in the run. Pick a story, or type any person id.</p></div>
      <label class="field">Run<select id="pick">${runs.map(r => `<option value="${esc(r.id)}" ${r.id === id ? 'selected' : ''}>
        ${esc(r.scenario)} · seed ${r.seed} · ${sampleText(r.sample)} · ${esc(r.id.slice(-11))}</option>`).join('')}</select></label></div>
    <div class="people-layout">
      <div class="card"><header><h2>Stories</h2></header>
        <div class="tabs" id="tabs"></div><div class="sub" id="about" style="margin-bottom:8px"></div>
        <div class="person-list" id="plist"></div>
        <form class="row" id="lookup" style="margin-top:12px"><input id="pid" type="text" inputmode="numeric" placeholder="person id"
          style="width:130px"><button class="ghost" type="submit">Show</button></form></div>
      <div class="stack" id="story"><div class="card empty">Choose a person on the left.</div></div>
    </div>`;
  main.querySelector('#pick').addEventListener('change', e => { location.hash = `#/people/${encodeURIComponent(e.target.value)}`; });

  let stories = {};
  try { stories = await cached(`/api/runs/${encodeURIComponent(id)}/stories`); } catch (e) { /* lookup by id still works */ }
  const cats = Object.keys(CATEGORIES);
  let cat = cats.find(c => (stories[c] || []).length) || 'sanctioned';
  const tabs = main.querySelector('#tabs');
  const list = main.querySelector('#plist');
  const showList = () => {
    tabs.innerHTML = cats.map(c => `<button class="${c === cat ? 'on' : ''}" data-cat="${c}">${CATEGORIES[c]}
      <span style="opacity:.7">${(stories[c] || []).length}</span></button>`).join('');
    main.querySelector('#about').textContent = `A sample of ${ABOUT[cat]}.`;
    const ids = stories[cat] || [];
    list.innerHTML = ids.length ? ids.map(p => `<a href="#/people/${encodeURIComponent(id)}/${p}" data-p="${p}"
      class="${String(p) === args[1] ? 'on' : ''}"><span>person ${p}</span><span>›</span></a>`).join('')
      : '<div class="empty">Nobody in this run.</div>';
  };
  tabs.addEventListener('click', e => { const b = e.target.closest('button'); if (b) { cat = b.dataset.cat; showList(); } });
  main.querySelector('#lookup').addEventListener('submit', e => {
    e.preventDefault();
    const p = main.querySelector('#pid').value.trim();
    if (p) location.hash = `#/people/${encodeURIComponent(id)}/${encodeURIComponent(p)}`;
  });
  if (args[1]) {
    const found = cats.find(c => (stories[c] || []).map(String).includes(args[1]));
    if (found) cat = found;
  }
  showList();
  if (args[1]) await story(main.querySelector('#story'), run, args[1]);
}

async function story(box, run, person) {
  let s;
  try {
    s = await get(`/api/people/${encodeURIComponent(run.id)}/${encodeURIComponent(person)}`);
  } catch (e) {
    box.innerHTML = `<div class="card errors">${esc(e.message)}</div>`;
    return;
  }
  const p = s.people[0];
  const years = Object.keys(p.years);
  const events = p.events;
  box.innerHTML = `
    <div class="card"><header><div><h2>Person ${p.id} <span class="muted" style="font-weight:400">· ${esc(p.role)} · household ${s.household}</span></h2>
      <div class="sub">${Object.entries(p.attributes).map(([k, v]) => `${esc(k)} <b>${esc(v)}</b>`).join(' · ')}
      ${s.in_sample ? '' : ' · <span class="pill">not in this run\'s sample</span>'}</div>
      ${p.role === 'child' && years.some(y => p.years[y].sanctions_any.length) ? `<div class="sub">A child is sanctioned
        through the adults of the household: see <a href="#/people/${encodeURIComponent(run.id)}/${s.household * 32}">person
        ${s.household * 32}</a>, its first adult.</div>` : ''}</div></header>
      ${decisive(p)}
      <div class="chart tall" id="c-score"></div></div>
    <div class="grid2">
      <div class="card"><header><h3>Year by year</h3></header><div style="overflow:auto">${yearTable(p, years)}</div></div>
      <div class="card"><header><h3>Events</h3><span class="sub">${events.length} in ${years.length} years</span></header>
        <ul class="timeline">${events.map(event).join('') || '<li>No events at all.</li>'}</ul></div>
    </div>`;
  scoreChart(box.querySelector('#c-score'), s.scoring, p, years);
}

// What decided the life (explain's "decisive"), first: the list entries with their cause, the first sanctions and rewards.
function decisive(p) {
  if (!p.decisive || !p.decisive.length) return '';
  return `<div class="decisive" id="decisive"><h3>What decided it</h3><ul>${p.decisive.map(d => `<li>
    <span class="when">${d.day === null ? d.year : date(d.year, d.day)}</span>${esc(d.what)}</li>`).join('')}</ul></div>`;
}

function yearTable(p, years) {
  const modes = Object.keys(p.years[years[0]].blocked || {});
  return `<table><thead><tr><th>Year</th><th class="num">Score</th><th>Tier</th><th>Sanctions and rewards</th><th>Lists</th>
    <th class="num">Tickets refused</th></tr></thead><tbody>${years.map(y => {
      const v = p.years[y];
      const refused = modes.map(m => v.blocked[m] ? `${v.blocked[m]} ${esc(m)}` : '').filter(Boolean).join(', ');
      return `<tr><td>${y}</td><td class="num">${v.score_end}</td><td>${esc(v.tier_end)}</td>
        <td>${[...v.sanctions_any.map(x => `<span class="tag pen">${esc(label(x))}</span>`),
          ...(v.rewards_any || []).map(x => `<span class="tag good">${esc(label(x))}</span>`)].join(' ') || '<span class="muted">–</span>'}</td>
        <td>${v.lists_end.map(x => `<span class="tag">${esc(label(x))}</span>`).join('') || '<span class="muted">–</span>'}</td>
        <td class="num">${refused || '–'}</td></tr>`;
    }).join('')}</tbody></table>`;
}

function event(e) {
  const when = `<span class="when">${date(e.year, e.day)}</span>`;
  if (e.list) {
    return `<li class="list">${when}${e.entered ? 'put on' : 'taken off'} the <b>${esc(label(e.list))}</b></li>`;
  }
  const name = `<b>${esc(label(e.behaviour))}</b>`;
  let what;
  let cls = '';
  if (e.misattributed) {
    what = `someone else's, attributed to this person by ${esc(label(e.channel))} <span class="tag mis">false match</span>`;
    cls = 'mis';
  } else if (e.detected) {
    what = `seen by ${esc(label(e.channel))}` + (e.attributed ? '' : ' but matched to someone else');
  } else {
    what = '<span class="muted">not seen</span>';
  }
  if (e.attributed && e.points) {
    cls = cls || (e.points < 0 ? 'pen' : 'good');
    what += ` <span class="tag ${e.points < 0 ? 'pen' : 'good'}">${e.points > 0 ? '+' : ''}${e.points}</span> score ${e.score_after}`;
  }
  return `<li class="${cls}">${when}${name}: ${what}</li>`;
}

function scoreChart(el, scoring, p, years) {
  const y0 = +years[0];
  const yEnd = +years[years.length - 1] + 1;
  const line = [[y0, scoring.initial]];
  const marks = { pen: [], good: [], mis: [] };
  for (const e of p.events) {
    if (e.list || !e.attributed || !e.points) continue;
    const t = e.year + e.day / 365;
    line.push([t, e.score_after]);
    marks[e.misattributed ? 'mis' : e.points < 0 ? 'pen' : 'good'].push([t, e.score_after, e.behaviour]);
  }
  for (const y of years) {
    const end = p.years[y].score_end;
    line.push([+y + 1, end]);
  }
  line.sort((a, b) => a[0] - b[0]);
  const scores = line.map(d => d[1]);
  const tiers = scoring.tiers.filter(t => t.min > scoring.min);
  const lo = Math.max(scoring.min, Math.min(...scores, ...tiers.map(t => t.min)) - 40);
  const hi = Math.min(scoring.max, Math.max(...scores, ...tiers.map(t => t.min)) + 40);
  // consecutive years under the same sanctions make one band
  const bands = [];
  for (const y of years) {
    const names = p.years[y].sanctions_any.map(label).join(', ');
    const lastBand = bands[bands.length - 1];
    if (!names) continue;
    if (lastBand && lastBand[0].name === names && lastBand[1].xAxis === +y) lastBand[1].xAxis = +y + 1;
    else bands.push([{ xAxis: +y, name: names, itemStyle: { color: 'rgba(200,69,59,0.08)' } }, { xAxis: +y + 1 }]);
  }
  const sorted = [...tiers].sort((a, b) => b.min - a.min);
  let labelled = Infinity;
  const tierLines = sorted.map(t => {
    const show = labelled - t.min >= 0.06 * (hi - lo);
    if (show) labelled = t.min;
    return { yAxis: t.min, name: t.name, label: { show } };
  });
  chart(el, {
    title: { text: 'Score over time', left: 0, top: 0, textStyle: { fontSize: 13, fontWeight: 600 },
      subtext: 'red bands: years under a sanction · dashed: tier thresholds',
      subtextStyle: { color: '#5d6779', fontSize: 11.5 } },
    legend: { top: 4, right: 0, data: ['score', 'penalty', 'good deed', 'false match'], textStyle: { color: '#5d6779' } },
    tooltip: { trigger: 'item', confine: true, formatter: d => d.seriesName === 'score'
      ? `score ${d.value[1]}` : `${esc(label(d.value[2] || ''))}: score ${d.value[1]}<br>${date(Math.floor(d.value[0]), (d.value[0] % 1) * 365)}` },
    grid: { left: 64, right: 90, top: 66, bottom: 46 },
    xAxis: { type: 'value', min: y0, max: yEnd, interval: 1, name: 'year', nameLocation: 'middle', nameGap: 28,
      axisLabel: { formatter: v => (v < yEnd ? String(v) : ''), color: '#5d6779' }, splitLine: { lineStyle: { color: '#eceef2' } },
      nameTextStyle: { color: '#5d6779' } },
    yAxis: { type: 'value', min: Math.floor(lo / 50) * 50, max: Math.ceil(hi / 50) * 50, name: 'score (points)',
      nameLocation: 'middle', nameGap: 46, nameTextStyle: { color: '#5d6779' }, axisLabel: { color: '#5d6779' },
      splitLine: { lineStyle: { color: '#eceef2' } } },
    series: [
      { name: 'score', type: 'line', step: 'end', symbol: 'none', lineStyle: { width: 2.5, color: '#2f5d9b' }, data: line,
        markLine: { symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: '#9aa7bb' },
          label: { position: 'end', formatter: d => `tier ${d.name}`, color: '#5d6779' },
          data: tierLines },
        markArea: { silent: true, label: { position: 'insideTop', color: '#a83a30', fontSize: 11 }, data: bands } },
      { name: 'penalty', type: 'scatter', symbolSize: 9, itemStyle: { color: '#d0573f' }, data: marks.pen },
      { name: 'good deed', type: 'scatter', symbolSize: 9, itemStyle: { color: '#2e8a6e' }, data: marks.good },
      { name: 'false match', type: 'scatter', symbol: 'diamond', symbolSize: 12, itemStyle: { color: '#8e6bbf' }, data: marks.mis },
    ],
  });
}
