import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { api, qs } from './api.js';
import { h, clear, num, ago, severityBadge, statusBadge } from './dom.js';

/** Top log patterns per service: counts, levels, a sparkline of lines per interval, examples, the item raised. */
export function patternsView(root, query) {
  const params = new URLSearchParams(query || '');
  let service = params.get('service') || '';
  let disposed = false;
  const plots = [];
  const input = h('input', { id: 'p-service', name: 'service', type: 'search', value: service, placeholder: 'all services' });
  const form = h('form', { class: 'filters', role: 'search' }, h('div', { class: 'field' }, h('label', { for: 'p-service' }, 'Service'), input),
    h('button', { type: 'submit' }, 'Show'));
  const summary = h('p', { class: 'summary', id: 'patterns-summary' });
  const list = h('div', { id: 'patterns' });
  const error = h('div', { class: 'errors', role: 'alert' });
  root.append(h('h1', null, 'Log patterns'), form, error, summary, list);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    service = input.value.trim();
    history.replaceState(null, '', `#/patterns${qs({ service })}`);
    load();
  });

  function sparkline(values, interval, errorish) {
    const el = h('div', { class: 'spark', role: 'img', 'aria-label': `lines per ${interval} s over the last ${values.length} intervals: latest ${values[values.length - 1]}` });
    const xs = values.map((_, i) => i);
    const color = errorish ? '#d7263d' : '#2e86ab';
    plots.push(new uPlot({
      width: 180, height: 36, cursor: { show: false }, legend: { show: false }, select: { show: false },
      scales: { x: { time: false }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
      axes: [{ show: false }, { show: false }],
      series: [{}, { stroke: color, fill: `${color}33`, width: 1.5, points: { show: false } }],
    }, [xs, values], el));
    return el;
  }

  async function load() {
    try {
      const r = await api(`/console/patterns${qs({ service, limit: 300 })}`);
      if (disposed) return;
      clear(error);
      render(r);
    } catch (e) {
      if (!disposed) clear(error).append(e.message);
    }
  }

  function render(r) {
    for (const p of plots.splice(0)) p.destroy();
    const byService = new Map();
    for (const p of r.patterns) {
      if (!byService.has(p.service)) byService.set(p.service, []);
      byService.get(p.service).push(p);
    }
    summary.textContent = `${num(r.total)} patterns from ${num(r.lines_mined)} lines; one sparkline point per ${r.history_interval_seconds} s`;
    clear(list).append(...[...byService.entries()].map(([svc, patterns]) => h('section', { class: 'card', 'aria-labelledby': `ps-${svc}` },
      h('h2', { id: `ps-${svc}` }, svc),
      h('table', { class: 'compact patterns' },
        h('thead', null, h('tr', null, ['Pattern', 'Lines', 'Levels', 'Over time', 'Last seen', 'Work item'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, patterns.slice(0, 15).map((p) => {
          const levels = Object.entries(p.levels || {}).sort((a, b) => b[1] - a[1]);
          const errorish = levels.some(([l]) => ['error', 'critical', 'fatal'].includes(l));
          return h('tr', { dataset: { pattern: p.pattern_id } },
            h('td', null, h('code', { class: 'template' }, p.template),
              p.examples && p.examples.length ? h('details', null, h('summary', null, 'examples'), h('ul', null, p.examples.map((e) => h('li', null, h('code', null, e))))) : null),
            h('td', { class: 'num' }, num(p.count)),
            h('td', null, levels.map(([l, c]) => h('span', { class: `lvl lvl-${l}` }, `${l} ${num(c)}`))),
            h('td', null, sparkline(p.history || [], r.history_interval_seconds, errorish)),
            h('td', null, ago(p.last_seen)),
            h('td', null, p.work_item ? h('span', null, severityBadge(p.work_item.severity), ' ',
              h('a', { href: `#/item/${p.work_item.id}`, class: 'mono' }, p.work_item.id), ' ', statusBadge(p.work_item.status)) : '–'));
        }))))));
    if (!byService.size) list.append(h('p', { class: 'muted' }, 'No log lines mined yet. Start the simulator or send logs to /logs.'));
  }

  load();
  const timer = setInterval(load, 10000);
  return { dispose() { disposed = true; clearInterval(timer); for (const p of plots) p.destroy(); } };
}
