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

function route() {
  const parts = (location.hash.replace(/^#\/?/, '') || 'scenarios').split('/').map(decodeURIComponent);
  const name = pages[parts[0]] ? parts[0] : 'scenarios';
  if (cleanup) { try { cleanup(); } catch (e) { /* the old page is gone */ } }
  cleanup = null;
  disposeAll();
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.dataset.page === name));
  const main = document.getElementById('page');
  main.innerHTML = '';
  main.dataset.page = name;
  document.title = `scoresim · ${name}`;
  Promise.resolve(pages[name].render(main, parts.slice(1)))
    .then(c => { cleanup = typeof c === 'function' ? c : null; })
    .catch(e => {
      main.innerHTML = `<div class="card errors">Something went wrong: ${String(e.message || e)}</div>`;
    });
}

window.addEventListener('hashchange', route);
route();
