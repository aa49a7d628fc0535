// Run: choose a scenario (or your edited one), sample and seed; watch the progress live; cancel.
import { del, get, post, postText, forget } from './api.js';
import { compact, esc, sampleText, when } from './format.js';
import { DRAFT } from './scenarios.js';

const WATCH = 'scoresim.watch';

/**
 * The scenario's own sample when it states one (as every command uses it); otherwise one that keeps
 * a run to about two million simulated people, in steps of ten.
 */
export function defaultSample(people, stated) {
  if (stated) return stated;
  if (!people || people <= 2e6) return 1;
  return Math.pow(10, Math.floor(Math.log10(2e6 / people)));
}

export function statusPill(s) {
  return `<span class="pill ${esc(s)}">${esc(s)}</span>`;
}

export async function render(main, args) {
  main.innerHTML = `
    <div class="head"><div><h1>Run a scenario</h1>
      <p class="lede">The model simulates every person of a sample of households, year by year, and scales the counts
      up to the whole population. The same scenario, seed and sample always give the same numbers.</p></div></div>
    <div class="run-layout">
      <div class="card"><header><h2>New run</h2></header>
        <form class="form" id="form">
          <label class="field">Scenario<select id="scenario"></select></label>
          <div class="hint" id="about"></div>
          <div class="pair">
            <label class="field">Sample (fraction of households)<input id="sample" type="number" min="0.000001" max="1" step="any" required></label>
            <label class="field">Seed<input id="seed" type="number" step="1" value="1" required></label>
          </div>
          <div class="hint" id="size"></div>
          <div id="form-errors"></div>
          <div class="row"><button type="submit" id="start">Start the run</button></div>
        </form>
      </div>
      <div class="stack">
        <div class="card" id="watch"><header><h2>Progress</h2></header><div class="empty">No run started yet.</div></div>
        <div class="card"><header><h2>Recent runs</h2><span class="sub">newest first; they stay in the runs directory</span></header>
          <div id="runs"></div></div>
      </div>
    </div>`;

  const sel = main.querySelector('#scenario');
  const sampleIn = main.querySelector('#sample');
  const seedIn = main.querySelector('#seed');
  const scenarios = await get('/api/scenarios');
  const draft = sessionStorage.getItem(DRAFT);
  let draftInfo = null;
  sel.innerHTML = (draft ? `<option value="@draft">Your edited scenario (from the editor)</option>` : '')
    + scenarios.map(s => `<option value="${esc(s.name)}">${esc(s.name)}</option>`).join('');
  const wanted = args[0] === 'draft' && draft ? '@draft' : scenarios.some(s => s.name === args[0]) ? args[0]
    : scenarios.some(s => s.name === 'minimal') ? 'minimal' : sel.value;
  sel.value = wanted;

  async function people() {
    if (sel.value !== '@draft') return scenarios.find(s => s.name === sel.value) || {};
    if (!draftInfo) {
      const v = await postText('/api/validate', draft);
      draftInfo = v.ok ? { description: `Your edited scenario "${v.scenario.name}".`, people: v.scenario.people, years: v.scenario.years }
        : { description: `Your edited scenario has ${v.total ?? v.errors.length} problem(s); fix them in the editor first.`, errors: v.errors };
    }
    return draftInfo;
  }

  async function describe(resetSample) {
    const s = await people();
    main.querySelector('#about').textContent = s.description || '';
    // a draft with problems cannot run: Start waits until the editor has none
    const start = main.querySelector('#start');
    start.disabled = Boolean(s.errors);
    start.title = s.errors ? 'Fix the problems of your edited scenario in the editor first' : '';
    if (s.errors) main.querySelector('#about').insertAdjacentHTML('beforeend', ' <a href="#/scenarios">Open the editor</a>');
    if (resetSample) sampleIn.value = defaultSample(s.people, s.sample);
    const f = +sampleIn.value;
    main.querySelector('#size').textContent = s.people && f > 0 && f <= 1
      ? `Simulates about ${compact(s.people * f)} of ${compact(s.people)} people`
        + (s.years ? `, ${s.years.to - s.years.from + 1} years` : '') + (f < 1 ? `; counts are scaled up by ${compact(1 / f)}.` : '.')
      : '';
  }
  sel.addEventListener('change', () => describe(true));
  sampleIn.addEventListener('input', () => describe(false));
  await describe(true);

  let source = null;
  const watchCard = main.querySelector('#watch');

  async function refreshRuns() {
    const runs = await get('/api/runs');
    const box = main.querySelector('#runs');
    if (!box) return;
    box.innerHTML = runs.length === 0 ? '<div class="empty">None yet.</div>' : `<table><thead><tr><th>Scenario</th><th>Sample</th>
      <th class="num">Seed</th><th>Status</th><th>Started</th><th></th></tr></thead><tbody>${runs.slice(0, 12).map(r => `
      <tr><td><b>${esc(r.scenario)}</b><div class="small muted mono">${esc(r.id)}</div></td><td>${sampleText(r.sample)}</td>
      <td class="num">${r.seed}</td><td data-status="${esc(r.id)}">${statusPill(r.status)}</td><td class="small">${when(r.created)}</td>
      <td>${r.status === 'done' ? `<a href="#/results/${encodeURIComponent(r.id)}">results</a> ·
        <a href="#/people/${encodeURIComponent(r.id)}">people</a>` : r.status === 'running' || r.status === 'queued'
        ? `<a href="#" data-watch="${esc(r.id)}">watch</a>` : ''}</td></tr>`).join('')}</tbody></table>`;
  }
  main.querySelector('#runs').addEventListener('click', e => {
    const id = e.target.dataset.watch;
    if (id) { e.preventDefault(); watch(id); }
  });

  function watch(id) {
    sessionStorage.setItem(WATCH, id);
    if (source) source.close();
    const started = Date.now();
    watchCard.innerHTML = `<header><div><h2 id="w-title">Run ${esc(id)}</h2><div class="sub mono">${esc(id)}</div></div>
      <span id="w-status">${statusPill('queued')}</span></header>
      <div class="row"><span class="bigpct" id="w-pct">0%</span><span class="muted" id="w-note">waiting for a free slot…</span>
        <span class="spacer"></span><button class="danger" id="w-cancel">Cancel</button></div>
      <div class="progress" id="w-bar"><div></div></div>
      <div class="row" id="w-after"></div>`;
    main.querySelector('#w-cancel').addEventListener('click', async () => {
      try { await del(`/api/runs/${encodeURIComponent(id)}`); } catch (e) { /* finished meanwhile */ }
    });
    const show = s => {
      if (!main.querySelector('#w-bar')) return;
      main.querySelector('#w-title').textContent = `${s.scenario} · seed ${s.seed} · ${sampleText(s.sample)}`;
      main.querySelector('#w-status').innerHTML = statusPill(s.status);
      // the runs table says the same as this card
      main.querySelectorAll('#runs [data-status]').forEach(td => {
        if (td.dataset.status === id) td.innerHTML = statusPill(s.status);
      });
      const p = Math.round(100 * s.progress);
      main.querySelector('#w-pct').textContent = `${p}%`;
      const bar = main.querySelector('#w-bar');
      bar.className = `progress ${s.status}`;
      bar.firstElementChild.style.width = `${s.status === 'done' ? 100 : p}%`;
      const secs = Math.round((Date.now() - started) / 1000);
      main.querySelector('#w-note').textContent = s.status === 'queued' ? 'waiting for a free slot…'
        : s.status === 'running' ? `${s.stage || 'simulating'}… ${secs} s` : s.status === 'done'
        ? `done: ${compact(s.people)} people simulated in ${s.seconds} s` : s.status === 'failed' ? (s.error || 'failed') : 'cancelled';
      main.querySelector('#w-cancel').disabled = s.status !== 'queued' && s.status !== 'running';
    };
    source = new EventSource(`/api/runs/${encodeURIComponent(id)}/events`);
    source.addEventListener('progress', e => show(JSON.parse(e.data)));
    source.addEventListener('status', e => {
      const s = JSON.parse(e.data);
      source.close();
      source = null;
      show(s);
      forget('/api/runs');
      if (s.status === 'done') {
        main.querySelector('#w-after').innerHTML = `<a class="button" id="see-results" href="#/results/${encodeURIComponent(id)}">See the results →</a>
          <a class="button ghost" href="#/people/${encodeURIComponent(id)}">Follow people of this run</a>`;
      }
      refreshRuns();
    });
    source.onerror = () => { if (source && source.readyState === EventSource.CLOSED) source = null; };
  }

  main.querySelector('#form').addEventListener('submit', async e => {
    e.preventDefault();
    const errBox = main.querySelector('#form-errors');
    errBox.innerHTML = '';
    const body = { seed: Number(seedIn.value), sample: Number(sampleIn.value) };
    if (sel.value === '@draft') body.yaml = draft; else body.scenario = sel.value;
    try {
      const { id } = await post('/api/runs', body);
      watch(id);
      refreshRuns();
    } catch (err) {
      const list = err.body.errors || [];
      errBox.innerHTML = `<div class="errors">${list.length ? list.map(p =>
        `<div>${p.line ? `line ${p.line}:${p.column} ` : ''}<b>${esc(p.path)}</b>: ${esc(p.message)}</div>`).join('')
        : esc(err.message)}</div>`;
    }
  });

  await refreshRuns();
  const resume = sessionStorage.getItem(WATCH);
  if (resume) {
    try { await get(`/api/runs/${encodeURIComponent(resume)}`); watch(resume); } catch (e) { sessionStorage.removeItem(WATCH); }
  }
  return () => { if (source) source.close(); };
}
