import { api } from './api.js';
import { h, clear, num, ago, showErrors } from './dom.js';

/** The monitoring simulator: start (with the primary service's parameters) and stop, live counts. */
export function simulatorView(root) {
  let disposed = false;
  const state = h('p', { id: 'sim-state', class: 'summary', role: 'status' });
  const table = h('div', { id: 'sim-services' });
  const summary = h('div', { class: 'errors', role: 'alert', id: 'sim-errors' });
  const form = h('form', { id: 'sim-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 's-service_name' }, 'Primary service'), h('input', { id: 's-service_name', name: 'service_name' })),
    h('div', { class: 'field' }, h('label', { for: 's-error_probability' }, 'Error probability (0–1)'), h('input', { id: 's-error_probability', name: 'error_probability', inputmode: 'decimal' })),
    h('div', { class: 'field' }, h('label', { for: 's-log_interval' }, 'Log interval (s)'), h('input', { id: 's-log_interval', name: 'log_interval', inputmode: 'decimal' })),
    summary,
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', id: 'sim-start' }, 'Start'),
      h('button', { type: 'button', id: 'sim-stop', onclick: stop }, 'Stop')));
  root.append(h('h1', null, 'Monitoring simulator'), state, form, table);
  let filled = false;

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = {};
    const v = (n) => form.elements[n].value.trim();
    if (v('service_name')) body.service_name = v('service_name');
    for (const n of ['error_probability', 'log_interval']) if (v(n)) body[n] = Number.isNaN(Number(v(n))) ? v(n) : Number(v(n));
    try {
      await api('/monitoring/start', { method: 'POST', body });
      showErrors(form, summary, null);
      load();
    } catch (e) {
      showErrors(form, summary, e);
    }
  });

  async function stop() {
    try {
      await api('/monitoring/stop', { method: 'POST' });
      showErrors(form, summary, null);
      load();
    } catch (e) {
      showErrors(form, summary, e);
    }
  }

  async function load() {
    let s;
    try {
      s = await api('/monitoring/status');
    } catch (e) {
      if (!disposed) clear(state).append(e.status === 401 ? 'This key may not control the simulator (admin keys only).' : e.message);
      return;
    }
    if (disposed) return;
    state.textContent = `Simulator ${s.status} · ${num(s.error_count)} errors · last error ${ago(s.last_error_at)}`;
    state.dataset.status = s.status;
    if (!filled) {
      form.elements.service_name.value = s.service_name || '';
      form.elements.error_probability.value = s.error_probability ?? '';
      form.elements.log_interval.value = s.log_interval ?? '';
      filled = true;
    }
    clear(table).append(h('table', { class: 'compact' },
      h('thead', null, h('tr', null, ['Service', 'State', 'Pattern', 'Interval', 'Error p', 'Lines', 'Errors', 'Errors/min', 'Work items', 'Ingest failures']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, (s.services || []).map((svc) => {
        const lines = Object.values(svc.lines_by_level || {}).reduce((a, b) => a + b, 0);
        return h('tr', { dataset: { service: svc.name } },
          h('td', null, svc.name), h('td', null, h('span', { class: `status status-${svc.status}` }, svc.status)),
          h('td', null, svc.pattern ? svc.pattern.type || JSON.stringify(svc.pattern) : '–'),
          h('td', { class: 'num' }, svc.log_interval != null ? `${svc.log_interval} s` : '–'),
          h('td', { class: 'num' }, svc.error_probability ?? '–'),
          h('td', { class: 'num', dataset: { lines } }, num(lines)), h('td', { class: 'num' }, num(svc.error_count)),
          h('td', { class: 'num' }, num(svc.error_rate_per_minute)), h('td', { class: 'num' }, num(svc.work_items_created)),
          h('td', { class: 'num' }, num(svc.ingest_failures)));
      }))));
  }

  load();
  const timer = setInterval(load, 2000);
  return { dispose() { disposed = true; clearInterval(timer); } };
}
