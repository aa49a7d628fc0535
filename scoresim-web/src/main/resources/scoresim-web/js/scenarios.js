// Scenarios: the bundled ones with their descriptions, and an editor that checks YAML as you type.
import { get, getText, postText } from './api.js';
import { compact, esc } from './format.js';

export const DRAFT = 'scoresim.draft';

export async function render(main, args) {
  main.innerHTML = `
    <div class="head">
      <div><h1>Scenarios</h1>
        <p class="lede">A scenario says who lives in the synthetic country, what they do, which cameras and databases
        see it, how scores, blacklists and sanctions work. Pick one, or edit it: every problem shows at its line as you type.</p></div>
    </div>
    <div class="scenario-layout">
      <div class="card"><header><h2>Bundled scenarios</h2><span class="sub" id="count"></span></header>
        <div class="scenario-list" id="list"><div class="empty">Loading…</div></div></div>
      <div class="card">
        <header><div><h2 id="ed-title">Editor</h2><div class="sub">YAML; checked half a second after you stop typing</div></div>
          <div class="row"><span id="ed-status" class="pill">not checked</span>
          <button id="ed-run">Run this scenario</button></div></header>
        <div class="editor" id="editor">
          <pre class="gutter" id="gutter"></pre>
          <div class="pane"><div class="marks" id="marks"></div><div class="notes" id="notes"></div>
            <textarea id="yaml" spellcheck="false" autocomplete="off" autocapitalize="off" wrap="off"
              aria-label="scenario YAML"></textarea></div>
        </div>
        <div class="problems" id="problems"></div>
      </div>
    </div>`;

  const ta = main.querySelector('#yaml');
  const gutter = main.querySelector('#gutter');
  const marks = main.querySelector('#marks');
  const notes = main.querySelector('#notes');
  const probe = document.createElement('span');
  probe.className = 'probe';
  probe.textContent = 'M'.repeat(100);
  main.querySelector('#editor').appendChild(probe);
  const charWidth = probe.getBoundingClientRect().width / 100 || 7.5;
  const problems = main.querySelector('#problems');
  const status = main.querySelector('#ed-status');
  let errors = [];
  let timer = null;
  let inflight = null;
  let current = null;

  function paint() {
    const lines = ta.value.split('\n').length;
    const bad = new Map();
    // a problem with a file is in the draft's base, not on the draft's lines
    errors.forEach(e => { if (e.line > 0 && !e.file && !bad.has(e.line)) bad.set(e.line, e); });
    let g = '';
    for (let i = 1; i <= lines; i++) {
      g += bad.has(i) ? `<span class="err" title="${esc(bad.get(i).message)}">${i}</span>` : `<span>${i}</span>`;
    }
    gutter.innerHTML = g;
    const text = ta.value.split('\n');
    marks.innerHTML = [...bad.keys()].map(line => `<div style="top:${8 + (line - 1) * 20}px"></div>`).join('');
    // the message right after the line's text, as editors show diagnostics
    notes.innerHTML = [...bad.values()].map(e => `<div style="top:${8 + (e.line - 1) * 20}px;
      left:${10 + ((text[e.line - 1] || '').replace(/\t/g, '  ').length + 3) * charWidth}px">${esc(e.message)}</div>`).join('');
    sync();
  }

  function sync() {
    gutter.scrollTop = ta.scrollTop;
    marks.style.transform = `translateY(${-ta.scrollTop}px)`;
    notes.style.transform = `translate(${-ta.scrollLeft}px, ${-ta.scrollTop}px)`;
  }

  function show(result) {
    errors = result.errors || [];
    if (result.ok) {
      status.className = 'pill ok';
      status.textContent = 'valid';
      const s = result.scenario;
      problems.innerHTML = `<div class="valid">✓ A valid scenario: <b>${esc(s.name)}</b>, ${compact(s.people)} people,
        ${s.years.from}–${s.years.to}.</div>`;
    } else {
      status.className = 'pill bad';
      const total = result.total ?? errors.length;
      status.textContent = `${total} problem${total === 1 ? '' : 's'}${total > errors.length ? ` (the first ${errors.length} listed)` : ''}`;
      problems.innerHTML = errors.map((e, i) => `<div class="problem" data-i="${i}">
        <span class="where">${e.file ? `${esc(e.file)} ` : ''}${e.line > 0 ? `line ${e.line}${e.column ? ':' + e.column : ''}` : 'file'}</span>
        <span>${e.path ? `<span class="path">${esc(e.path)}</span>: ` : ''}${esc(e.message)}</span></div>`).join('');
    }
    paint();
  }

  async function validate() {
    sessionStorage.setItem(DRAFT, ta.value);
    if (inflight) inflight.abort();
    inflight = new AbortController();
    status.className = 'pill';
    status.textContent = 'checking…';
    try {
      show(await postText('/api/validate', ta.value, inflight.signal));
    } catch (e) {
      if (e.name !== 'AbortError') { status.className = 'pill bad'; status.textContent = e.message; }
    }
  }

  ta.addEventListener('input', () => { paint(); clearTimeout(timer); timer = setTimeout(validate, 450); });
  ta.addEventListener('scroll', sync);
  ta.addEventListener('keydown', e => {
    if (e.key === 'Tab') {
      e.preventDefault();
      ta.setRangeText('  ', ta.selectionStart, ta.selectionEnd, 'end');
      ta.dispatchEvent(new Event('input'));
    }
  });
  problems.addEventListener('click', e => {
    const p = e.target.closest('.problem');
    if (!p) return;
    const err = errors[+p.dataset.i];
    if (err.file) return;
    const lines = ta.value.split('\n');
    let pos = 0;
    for (let i = 0; i < err.line - 1 && i < lines.length; i++) pos += lines[i].length + 1;
    ta.focus();
    ta.setSelectionRange(pos + Math.max(0, (err.column || 1) - 1), pos + (lines[err.line - 1] || '').length);
    ta.scrollTop = Math.max(0, (err.line - 5) * 20);
  });
  main.querySelector('#ed-run').addEventListener('click', () => {
    sessionStorage.setItem(DRAFT, ta.value);
    location.hash = '#/run/draft';
  });

  async function load(name) {
    current = name;
    main.querySelectorAll('.scenario').forEach(s => s.classList.toggle('selected', s.dataset.name === name));
    main.querySelector('#ed-title').textContent = `Editor: ${name}.yaml`;
    ta.value = await getText(`/api/scenarios/${encodeURIComponent(name)}`);
    ta.scrollTop = 0;
    paint();
    validate();
  }

  const list = await get('/api/scenarios');
  main.querySelector('#count').textContent = `${list.length} in scenarios/`;
  main.querySelector('#list').innerHTML = list.map(s => `
    <div class="scenario" data-name="${esc(s.name)}">
      <div class="title"><b>${esc(s.name)}</b><span class="meta">${s.people ? compact(s.people) + ' people' : ''}
        ${s.years ? ' · ' + s.years.from + '–' + s.years.to : ''}</span></div>
      <div class="desc">${esc(s.description || 'No description.')}</div>
      <div class="actions"><button class="ghost" data-act="edit">Open in editor</button>
        <button data-act="run">Run…</button></div>
    </div>`).join('');
  main.querySelector('#list').addEventListener('click', e => {
    const card = e.target.closest('.scenario');
    if (!card) return;
    if (e.target.dataset.act === 'run') location.hash = `#/run/${encodeURIComponent(card.dataset.name)}`;
    else load(card.dataset.name);
  });

  const wanted = args[0] && list.some(s => s.name === args[0]) ? args[0] : null;
  const draft = sessionStorage.getItem(DRAFT);
  if (wanted) load(wanted);
  else if (draft) { ta.value = draft; main.querySelector('#ed-title').textContent = 'Editor: your draft'; paint(); validate(); }
  else if (list.length) load(list.some(s => s.name === 'minimal') ? 'minimal' : list[0].name);
  return () => { clearTimeout(timer); if (inflight) inflight.abort(); };
}
