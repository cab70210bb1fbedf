import { api, qs } from './api.js';
import { h, clear, num, ago, time, severityBadge, statusBadge, throttle } from './dom.js';

const FILTERS = ['service', 'severity', 'status', 'source', 'q'];
const COLUMNS = [
  ['severity', 'Severity', 'severity'],
  ['id', 'ID'],
  ['service', 'Service', 'service'],
  ['type', 'Type'],
  ['description', 'Description'],
  ['source', 'Source'],
  ['status', 'Status', 'status'],
  ['occurrence_count', 'Occurrences', 'occurrence_count'],
  ['created_at', 'Created', 'created_at'],
  ['last_seen_at', 'Last seen', 'last_seen_at'],
  ['enrichment_state', 'Enrichment'],
  ['links', 'Related'],
];

/** Badges for merge and relation state: fields of the lifecycle work, shown when present. */
export function linkBadges(item) {
  const out = [];
  if (item.merged_into) out.push(h('a', { class: 'badge badge-merged', href: `#/item/${item.merged_into}` }, `merged → ${item.merged_into}`));
  const related = Array.isArray(item.related) ? item.related.length : (item.related_count || 0);
  if (related) out.push(h('span', { class: 'badge badge-related' }, `related ${related}`));
  return out;
}

export function feedView(root, query) {
  const params = new URLSearchParams(query || '');
  const state = {
    service: params.get('service') || '', severity: params.get('severity') || '', status: params.get('status') || '',
    source: params.get('source') || '', q: params.get('q') || '',
    sort: params.get('sort') || 'created_at', order: params.get('order') || 'desc',
    limit: Number(params.get('limit') || 50), offset: Number(params.get('offset') || 0),
  };
  const rows = new Map();
  let total = 0;
  let newItems = 0;
  let controller = null;
  let disposed = false;

  const field = (name, label, control) => h('div', { class: 'field' }, h('label', { for: `f-${name}` }, label), control);
  const select = (name, options) => h('select', { id: `f-${name}`, name },
    h('option', { value: '' }, 'any'), options.map((o) => h('option', { value: o, selected: state[name] === o }, o)));
  const text = (name, placeholder) => h('input', { id: `f-${name}`, name, type: 'search', value: state[name], placeholder, autocomplete: 'off' });

  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter work items' },
    field('service', 'Service', text('service', 'e.g. api-service')),
    field('severity', 'Severity', select('severity', ['sev1', 'sev2', 'sev3', 'sev4'])),
    field('status', 'Status', select('status', ['open', 'assigned', 'resolved'])),
    field('source', 'Source', select('source', ['demo', 'manual', 'jira', 'pagerduty', 'alertmanager', 'datadog', 'agent_events', 'logs', 'watcher'])),
    field('q', 'Text', text('q', 'words in description or id')),
    field('limit', 'Per page', h('select', { id: 'f-limit', name: 'limit' },
      [25, 50, 100].map((n) => h('option', { value: n, selected: state.limit === n }, n)))));
  const banner = h('div', { class: 'banner', hidden: true },
    h('span', { id: 'new-count' }), ' ',
    h('button', { type: 'button', onclick: () => { state.offset = 0; state.sort = 'created_at'; state.order = 'desc'; load(); } }, 'Show newest'));
  const summary = h('p', { id: 'feed-summary', class: 'summary', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const thead = h('thead', null, h('tr', null, COLUMNS.map(([key, label, sortKey]) => {
    if (!sortKey) return h('th', { scope: 'col' }, label);
    const th = h('th', { scope: 'col', dataset: { sort: sortKey } },
      h('button', { type: 'button', class: 'sort', onclick: () => {
        if (state.sort === sortKey) state.order = state.order === 'desc' ? 'asc' : 'desc';
        else { state.sort = sortKey; state.order = 'desc'; }
        state.offset = 0;
        load();
      } }, label));
    return th;
  })));
  const table = h('table', { id: 'feed', class: 'feed', 'aria-describedby': 'feed-summary' },
    h('caption', { class: 'visually-hidden' }, 'Work items; arrow keys move between rows, Enter opens one'), thead, tbody);
  const prev = h('button', { type: 'button', id: 'prev-page', onclick: () => { state.offset = Math.max(0, state.offset - state.limit); load(); } }, '← Previous');
  const next = h('button', { type: 'button', id: 'next-page', onclick: () => { state.offset += state.limit; load(); } }, 'Next →');
  const pageLabel = h('span', { id: 'page-label' });
  const error = h('div', { class: 'errors', role: 'alert' });

  root.append(h('h1', null, 'Work items'), form, banner, error, summary,
    h('div', { class: 'table-wrap' }, table), h('nav', { class: 'pager', 'aria-label': 'Pages' }, prev, pageLabel, next));

  const debounced = throttle(() => { state.offset = 0; load(); }, 300);
  // Text reloads as you type (debounced); a select on change (every browser fires that one).
  form.addEventListener('input', (ev) => {
    if (ev.target.tagName === 'SELECT') return;
    state[ev.target.name] = ev.target.value.trim();
    debounced();
  });
  form.addEventListener('change', (ev) => {
    if (ev.target.tagName !== 'SELECT') return;
    state[ev.target.name] = ev.target.name === 'limit' ? Number(ev.target.value) : ev.target.value;
    state.offset = 0;
    load();
  });
  form.addEventListener('submit', (ev) => { ev.preventDefault(); state.offset = 0; load(); });

  // Roving focus: arrow keys walk the rows, Enter opens the focused one.
  tbody.addEventListener('keydown', (ev) => {
    const tr = ev.target.closest('tr');
    if (!tr) return;
    let to = null;
    if (ev.key === 'ArrowDown') to = tr.nextElementSibling;
    else if (ev.key === 'ArrowUp') to = tr.previousElementSibling;
    else if (ev.key === 'Home') to = tbody.firstElementChild;
    else if (ev.key === 'End') to = tbody.lastElementChild;
    else if (ev.key === 'Enter' && ev.target === tr) { location.hash = `#/item/${tr.dataset.id}`; return; }
    if (to) { ev.preventDefault(); tr.tabIndex = -1; to.tabIndex = 0; to.focus(); }
  });

  function request() {
    const q = { limit: state.limit, offset: state.offset, sort: state.sort, order: state.order };
    for (const f of FILTERS) q[f] = state[f];
    return q;
  }

  async function load() {
    if (disposed) return; // a throttled reload of a view already left
    const q = request();
    history.replaceState(null, '', `#/feed${qs(q)}`);
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const page = await api(`/console/work-items${qs(q)}`, { signal: controller.signal });
      if (disposed) return;
      clear(error);
      render(page);
    } catch (e) {
      if (e.name === 'AbortError' || disposed) return;
      clear(error).append(e.message, ...(e.details || []).map((d) => h('div', null, `${d.field}: ${d.message}`)));
    }
  }

  function render(page) {
    total = page.total;
    newItems = 0;
    banner.hidden = true;
    rows.clear();
    const frag = document.createDocumentFragment();
    page.work_items.forEach((item, i) => {
      const tr = h('tr', { tabindex: i === 0 ? 0 : -1, dataset: { id: item.id } });
      fillRow(tr, item);
      rows.set(item.id, { tr, item });
      frag.append(tr);
    });
    clear(tbody).append(frag);
    // First meaningful render, for the browser benchmark (Performance API; harmless otherwise).
    if (!performance.getEntriesByName('intake:feed-rendered').length) performance.mark('intake:feed-rendered');
    for (const th of thead.querySelectorAll('th[data-sort]')) {
      th.setAttribute('aria-sort', th.dataset.sort === state.sort ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none');
    }
    const from = total === 0 ? 0 : state.offset + 1;
    const to = Math.min(state.offset + page.work_items.length, total);
    summary.textContent = `${num(from)}–${num(to)} of ${num(total)} work items`;
    summary.dataset.total = total;
    pageLabel.textContent = `page ${num(Math.floor(state.offset / state.limit) + 1)} of ${num(Math.max(1, Math.ceil(total / state.limit)))}`;
    prev.disabled = state.offset === 0;
    next.disabled = state.offset + state.limit >= total;
  }

  function fillRow(tr, item) {
    clear(tr).append(
      h('td', null, severityBadge(item.severity)),
      h('td', { class: 'mono' }, h('a', { href: `#/item/${item.id}`, tabindex: -1 }, item.id)),
      h('td', null, item.service),
      h('td', null, item.type),
      h('td', { class: 'desc', title: item.description || '' }, item.description || ''),
      h('td', null, item.source),
      h('td', null, statusBadge(item.status)),
      h('td', { class: 'num' }, num(item.occurrence_count)),
      h('td', { title: time(item.created_at) }, ago(item.created_at)),
      h('td', { title: time(item.last_seen_at) }, ago(item.last_seen_at)),
      h('td', null, h('span', { class: `enr enr-${item.enrichment_state}` }, item.enrichment_state || '–')),
      h('td', null, linkBadges(item)));
  }

  tbody.addEventListener('click', (ev) => {
    const tr = ev.target.closest('tr');
    if (tr && !ev.target.closest('a')) location.hash = `#/item/${tr.dataset.id}`;
  });

  function matches(item) {
    for (const f of ['service', 'severity', 'status', 'source']) {
      if (state[f] && item[f] !== state[f]) return false;
    }
    if (state.q) {
      const q = state.q.toLowerCase();
      if (!(item.description || '').toLowerCase().includes(q) && !item.id.toLowerCase().includes(q)) return false;
    }
    return true;
  }

  const reload = throttle(load, 1000);
  load();

  return {
    onBatch(batch) {
      if (batch.overflow) { reload(); return; }
      let created = 0;
      // A storm changes many rows at once: then update them quietly (no highlight animation,
      // which would repaint the whole table every frame).
      const quiet = batch.events.filter((e) => rows.has(e.id)).length > 8;
      for (const e of batch.events) {
        if (e.kind === 'created') {
          if (matches(e.item)) created++;
          continue;
        }
        const row = rows.get(e.id);
        if (!row) continue;
        Object.assign(row.item, e.changes || {});
        fillRow(row.tr, row.item);
        if (quiet) continue;
        // Two alternating classes restart the highlight without forcing a layout per row.
        const again = row.tr.classList.contains('flash-a');
        row.tr.classList.toggle('flash-a', !again);
        row.tr.classList.toggle('flash-b', again);
      }
      if (!created) return;
      if (state.offset === 0 && state.sort === 'created_at' && state.order === 'desc') {
        reload();
      } else {
        newItems += created;
        banner.hidden = false;
        banner.querySelector('#new-count').textContent = `${num(newItems)} new work items`;
      }
    },
    dispose() { disposed = true; if (controller) controller.abort(); },
  };
}
