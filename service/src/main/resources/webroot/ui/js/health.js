import { api } from './api.js';
import { h, clear, num, time } from './dom.js';

/** The facts of /readyz, /stats and /watcher/status, readable. */
export function healthView(root) {
  let disposed = false;
  const body = h('div', { id: 'health', class: 'grid' });
  root.append(h('h1', null, 'Health'), body);

  const facts = (obj) => h('dl', { class: 'facts' }, Object.entries(obj || {}).map(([k, v]) => [h('dt', null, k.replaceAll('_', ' ')),
    h('dd', null, v !== null && typeof v === 'object' ? (Array.isArray(v) ? v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : x)).join(', ') : facts(v)) : typeof v === 'number' ? num(v) : String(v))]));
  const card = (title, content, state) => h('section', { class: `card${state ? ` state-${state}` : ''}` }, h('h2', null, title, state ? h('span', { class: `status status-${state}` }, ` ${state}`) : ''), content);

  async function load() {
    const res = await fetch('/readyz', { cache: 'no-store' });
    const ready = await res.json().catch(() => ({}));
    const [stats, watcher] = await Promise.allSettled([api('/stats'), api('/watcher/status')]);
    if (disposed) return;
    const checks = ready.checks || {};
    const s = stats.status === 'fulfilled' ? stats.value : null;
    const outbox = checks.outbox || {};
    clear(body).append(
      card('Readiness', facts({ status: ready.status, database: checks.database }), ready.status === 'ready' ? 'up' : 'down'),
      card('Learner outbox', facts({ pending: outbox.pending, oldest_pending_age_seconds: outbox.oldest_pending_age_seconds, dead: outbox.dead, delivered: outbox.delivered })),
      card('Learner forwarder', facts(checks.learner)),
      s ? card('Enrichment backlog', facts(s.enrichment)) : null,
      s ? card('LLM cleaner', facts(s.llm)) : null,
      s ? card('Embedding', facts(s.embedding)) : null,
      s ? card('Vector index', facts(s.vectors)) : null,
      s ? card('Ingest', facts(s.ingest)) : card('Stats', h('p', { class: 'muted' }, 'Stats need an admin key.')),
      card('Watcher targets', watcher.status === 'fulfilled' && (watcher.value.targets || []).length
        ? h('table', { class: 'compact' }, h('thead', null, h('tr', null, ['Target', 'State', 'Since', 'Failures', 'Reason', 'Work item'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', null, watcher.value.targets.map((t) => h('tr', null, h('td', null, t.name), h('td', null, h('span', { class: `status status-${t.state}` }, t.state)),
            h('td', null, time(t.since)), h('td', { class: 'num' }, num(t.consecutive_failures)), h('td', null, t.reason || ''),
            h('td', null, t.work_item_id ? h('a', { href: `#/item/${t.work_item_id}`, class: 'mono' }, t.work_item_id) : '–')))))
        : h('p', { class: 'muted' }, 'No watcher targets.')));
  }

  load();
  const timer = setInterval(load, 5000);
  return { dispose() { disposed = true; clearInterval(timer); } };
}
