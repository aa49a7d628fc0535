// The single page: a hash router over five pages, each a module with render(main, args).
import { disposeAll } from './charts.js';
import * as scenarios from './scenarios.js';
import * as run from './run.js';
import * as results from './results.js';
import * as compare from './compare.js';
import * as people from './people.js';
import * as sensitivity from './sensitivity.js';

const pages = { scenarios, run, results, compare, people, sensitivity };
let cleanup = null;
let shown = 0; // the route now shown: a page left before its work ended says nothing on the next one

function route() {
  const parts = (location.hash.replace(/^#\/?/, '') || 'scenarios').split('/').map(decodeURIComponent);
  const name = pages[parts[0]] ? parts[0] : 'scenarios';
  if (cleanup) { try { cleanup(); } catch (e) { /* the old page is gone */ } }
  cleanup = null;
  disposeAll();
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.dataset.page === name));
  // a fresh element for each page: a page left before its work ended writes into its own, detached one
  const old = document.getElementById('page');
  const main = old.cloneNode(false);
  old.replaceWith(main);
  main.dataset.page = name;
  document.title = `scoresim · ${name}`;
  const mine = ++shown;
  Promise.resolve(pages[name].render(main, parts.slice(1)))
    .then(c => { if (mine === shown) cleanup = typeof c === 'function' ? c : null; else if (typeof c === 'function') c(); })
    .catch(e => {
      if (mine !== shown) return;
      main.innerHTML = `<div class="card errors">Something went wrong: ${String(e.message || e)}</div>`;
    });
}

window.addEventListener('hashchange', route);
route();
