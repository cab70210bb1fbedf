// Building DOM without innerHTML: every value from the API is text, never markup.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k in el && typeof v !== 'string') el[k] = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

const fmt = new Intl.NumberFormat('en');
export const num = (n) => (n === undefined || n === null ? '–' : fmt.format(n));

export function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').slice(0, 19);
}

export function ago(iso) {
  if (!iso) return '–';
  const s = Math.max(0, (Date.now() - new Date(iso).getTime()) / 1000);
  if (s < 60) return `${Math.round(s)}s ago`;
  if (s < 3600) return `${Math.round(s / 60)}m ago`;
  if (s < 86400) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86400)}d ago`;
}

/** Severity as text and shape as well as colour (colour is never the only signal). */
export function severityBadge(sev) {
  const marks = { sev1: '▲▲', sev2: '▲', sev3: '●', sev4: '○' };
  return h('span', { class: `sev sev-${sev}`, title: `severity ${sev}` }, `${marks[sev] || ''} ${(sev || '').toUpperCase()}`);
}

export function statusBadge(status) {
  return h('span', { class: `status status-${status}` }, status || '–');
}

/** Calls fn at most once per interval; the last call always runs. */
export function throttle(fn, ms) {
  let timer = null;
  let last = 0;
  return (...args) => {
    const wait = last + ms - Date.now();
    if (timer) return;
    timer = setTimeout(() => { timer = null; last = Date.now(); fn(...args); }, Math.max(0, wait));
  };
}

/** Shows an API error: the message, and each field error next to its control when there is one. */
export function showErrors(form, summary, error) {
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  clear(summary);
  if (!error) return;
  summary.append(h('p', null, error.message));
  for (const d of error.details || []) {
    const control = d.field && form.elements.namedItem(d.field);
    if (control && control.id) {
      const msgId = `${control.id}-error`;
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', msgId);
      control.insertAdjacentElement('afterend',
        h('p', { class: 'field-error', id: msgId, dataset: { field: d.field } }, `${d.field}: ${d.message}`));
    } else {
      summary.append(h('p', { class: 'field-error', dataset: { field: d.field || '' } }, `${d.field || ''} ${d.message}`));
    }
  }
}
