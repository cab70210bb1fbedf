import { api, session, liveStream } from './api.js';
import { h, clear, num } from './dom.js';
import { feedView } from './feed.js';

// The feed loads with the page; other views (and uPlot) load when first opened.
const lazy = (module, name) => (root, arg) => {
  const handle = {};
  import(module).then((m) => {
    if (handle.disposed) return;
    Object.assign(handle, m[name](root, arg) || {});
  });
  return {
    onBatch: (b) => handle.onBatch && handle.onBatch(b),
    dispose: () => { handle.disposed = true; if (handle.dispose) handle.dispose(); },
  };
};
const itemView = lazy('./item.js', 'itemView');
const createView = lazy('./create.js', 'createView');
const mapView = lazy('./map.js', 'mapView');
const patternsView = lazy('./patterns.js', 'patternsView');
const simulatorView = lazy('./simulator.js', 'simulatorView');
const healthView = lazy('./health.js', 'healthView');

const main = document.getElementById('main');
const top = document.getElementById('top');
const liveLabel = document.getElementById('live');

const routes = [
  [/^#\/feed(?:\?(.*))?$/, feedView, 'feed'],
  [/^#\/item\/([^/?]+)$/, itemView, 'feed'],
  [/^#\/create$/, createView, 'create'],
  [/^#\/map(?:\?(.*))?$/, mapView, 'map'],
  [/^#\/patterns(?:\?(.*))?$/, patternsView, 'patterns'],
  [/^#\/simulator$/, simulatorView, 'simulator'],
  [/^#\/health$/, healthView, 'health'],
];

let current = null;
let stopLive = null;

// Live batches are applied once per animation frame, merged if several arrived meanwhile:
// a busy tab catches up in one pass instead of replaying every batch.
let queued = null;
let eventsSeen = 0;
// Counters of the live feed (read by the browser benchmark; cheap enough to keep).
window.__intakeLive = { events: 0, batches: 0, applied: 0 };
function onBatch(batch) {
  eventsSeen += batch.received || 0;
  window.__intakeLive.events += batch.received || 0;
  window.__intakeLive.batches++;
  if (!queued) {
    queued = { overflow: false, events: new Map(), received: 0 };
    requestAnimationFrame(flush);
  }
  queued.overflow ||= batch.overflow;
  queued.received += batch.received || 0;
  for (const e of batch.events || []) {
    const earlier = queued.events.get(e.id);
    queued.events.set(e.id, earlier ? mergeEvents(earlier, e) : e);
  }
}

function mergeEvents(a, b) {
  if (b.kind === 'created') return b;
  if (a.kind === 'created') return { ...a, item: { ...a.item, ...(b.changes || {}) } };
  return { ...a, changes: { ...a.changes, ...b.changes }, outcomes: [...(a.outcomes || []), ...(b.outcomes || [])] };
}

function flush() {
  const batch = { overflow: queued.overflow, received: queued.received, events: [...queued.events.values()] };
  queued = null;
  window.__intakeLive.applied++;
  if (current && current.onBatch) current.onBatch(batch);
}

let rate = 0;
setInterval(() => {
  rate = eventsSeen;
  eventsSeen = 0;
  if (liveLabel.dataset.state === 'live') liveLabel.textContent = `live · ${num(rate)} events/s`;
}, 1000);

function setLiveState(state) {
  liveLabel.dataset.state = state;
  liveLabel.textContent = state === 'live' ? `live · ${num(rate)} events/s` : state;
}

function signInView(root) {
  top.hidden = true;
  const input = h('input', { id: 'api-key', name: 'api_key', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('div', { id: 'sign-in-error', class: 'errors', role: 'alert' });
  const form = h('form', { class: 'sign-in card', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Intake console'),
    h('p', null, 'Sign in with an API key of this deployment. It is kept for this browser tab only.'),
    h('label', { for: 'api-key' }, 'API key'), input,
    error,
    h('button', { type: 'submit', id: 'sign-in' }, 'Sign in'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear(error);
    const key = input.value.trim();
    try {
      await api('/console/work-items?limit=1', { key });
      session.set(key);
      location.hash = '#/feed';
      route();
    } catch (e) {
      error.append(e.status === 401 ? 'That key is not accepted here.' : `Sign-in failed: ${e.message}`);
    }
  });
  root.append(form);
  input.focus();
  return {};
}

function route() {
  if (current && current.dispose) current.dispose();
  current = null;
  clear(main);
  if (!session.key) {
    if (stopLive) { stopLive(); stopLive = null; }
    current = signInView(main);
    return;
  }
  top.hidden = false;
  if (!stopLive) stopLive = liveStream(onBatch, setLiveState);
  const hash = location.hash || '#/feed';
  for (const [re, view, nav] of routes) {
    const m = hash.match(re);
    if (m) {
      for (const a of top.querySelectorAll('nav a')) {
        if (a.dataset.view === nav) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
      current = view(main, m[1]) || {};
      return;
    }
  }
  location.replace('#/feed');
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.clear();
  route();
});
window.addEventListener('intake:signed-out', () => route());
window.addEventListener('hashchange', route);
route();
