import { api } from './api.js';
import { h, showErrors } from './dom.js';

/**
 * Manual creation (POST /work-items). The browser does not second-guess the API: the server validates
 * (the same JSON schema as POST /work-items) and its field errors are shown next to each field.
 */
export function createView(root) {
  const field = (name, label, control, hint) => h('div', { class: 'field' },
    h('label', { for: `c-${name}` }, label), control, hint ? h('p', { class: 'hint', id: `c-${name}-hint` }, hint) : null);
  const summary = h('div', { class: 'errors', role: 'alert', id: 'create-errors' });
  const form = h('form', { id: 'create-form', novalidate: true },
    field('service', 'Service', h('input', { id: 'c-service', name: 'service', autocomplete: 'off' })),
    field('severity', 'Severity', h('input', { id: 'c-severity', name: 'severity', list: 'c-severities', autocomplete: 'off' }), 'sev1 (critical) to sev4 (low)'),
    h('datalist', { id: 'c-severities' }, ['sev1', 'sev2', 'sev3', 'sev4'].map((s) => h('option', { value: s }))),
    field('type', 'Type', h('select', { id: 'c-type', name: 'type' }, h('option', { value: '' }, '(default)'),
      ['incident', 'ticket', 'alert'].map((t) => h('option', { value: t }, t)))),
    field('description', 'Description', h('textarea', { id: 'c-description', name: 'description', rows: 4 })),
    field('creator_id', 'Your id (optional)', h('input', { id: 'c-creator_id', name: 'creator_id', autocomplete: 'username' })),
    field('impact', 'Impact', h('select', { id: 'c-impact', name: 'impact' }, h('option', { value: '' }, '(none)'),
      ['high', 'medium', 'low'].map((t) => h('option', { value: t }, t)))),
    field('story_points', 'Story points (optional)', h('input', { id: 'c-story_points', name: 'story_points', inputmode: 'numeric' })),
    summary,
    h('button', { type: 'submit', id: 'create-submit' }, 'Create work item'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = {};
    for (const name of ['service', 'severity', 'type', 'description', 'creator_id', 'impact']) {
      const v = form.elements[name].value;
      if (v !== '') body[name] = v;
    }
    const points = form.elements.story_points.value.trim();
    if (points !== '') body.story_points = /^-?\d+$/.test(points) ? Number(points) : points;
    try {
      const r = await api('/work-items', { method: 'POST', body });
      showErrors(form, summary, null);
      location.hash = `#/item/${r.work_item_id}`;
    } catch (e) {
      showErrors(form, summary, e);
      const first = form.querySelector('[aria-invalid]');
      if (first) first.focus();
    }
  });
  root.append(h('h1', null, 'New work item'), form);
  form.elements.service.focus();
  return {};
}
