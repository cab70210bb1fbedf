import { api } from './api.js';
import { h, clear, num, time, ago, severityBadge, statusBadge, showErrors, throttle } from './dom.js';
import { linkBadges } from './feed.js';

const dl = (pairs) => h('dl', { class: 'facts' },
  pairs.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));

export function itemView(root, rawId) {
  const id = decodeURIComponent(rawId);
  let disposed = false;
  // The outcome form is built once and moved into each re-render: what the operator typed survives
  // live refreshes of the item around it.
  let formCard = null;
  const body = h('div', { class: 'item' }, h('p', null, 'Loading…'));
  root.append(h('p', null, h('a', { href: '#/feed' }, '← Work items')), body);

  async function load() {
    let item;
    try {
      item = await api(`/work-items/${encodeURIComponent(id)}`);
    } catch (e) {
      clear(body).append(h('div', { class: 'errors', role: 'alert' }, e.status === 404 ? `No work item ${id}.` : e.message));
      return;
    }
    const [outcomes, similar, merges] = await Promise.allSettled([
      api(`/console/work-items/${encodeURIComponent(id)}/outcomes`),
      api(`/work-items/${encodeURIComponent(id)}/similar?k=10`),
      api(`/work-items/${encodeURIComponent(id)}/merges`),
    ]);
    if (disposed) return;
    render(item, outcomes, similar, merges);
  }

  function render(item, outcomes, similar, merges) {
    const enrichment = item.enrichment || {};
    clear(body).append(
      h('h1', null, severityBadge(item.severity), ' ', h('span', { class: 'mono', id: 'item-id' }, item.id)),
      h('p', { class: 'lead' }, statusBadge(item.status), ' ', item.type, ' · ', item.service, ' · source ', item.source,
        ...linkBadges(item).flatMap((b) => [' ', b])),
      h('div', { class: 'grid' },
        h('section', { class: 'card', 'aria-labelledby': 's-desc' },
          h('h2', { id: 's-desc' }, 'Description'),
          h('h3', null, 'Cleaned ', h('span', { class: 'muted', id: 'cleaned-by' },
            item.description_source ? `by ${item.description_source}${item.description_model ? ` (${item.description_model})` : ''}` : `(enrichment ${enrichment.state || 'pending'})`)),
          h('pre', { id: 'desc-cleaned', class: 'text' }, item.description || ''),
          h('h3', null, 'Raw'),
          h('pre', { id: 'desc-raw', class: 'text' }, item.raw_log || '(no raw text: the description was given as it is)'),
          enrichment.error ? h('p', { class: 'errors' }, `Enrichment error: ${enrichment.error}`) : null),
        h('section', { class: 'card', 'aria-labelledby': 's-id' },
          h('h2', { id: 's-id' }, 'Identity and occurrences'),
          dl([
            ['Source', item.source], ['Native key', item.source_key], ['Origin system', item.origin_system],
            ['Jira issue', item.jira_issue_key], ['Creator', item.creator_id], ['Assignee', item.assignee_id],
            ['Escalated', item.escalated ? 'yes' : 'no'], ['Fingerprint', h('span', { class: 'mono' }, item.fingerprint)],
            ['Occurrences', h('span', { id: 'occurrences' }, num(item.occurrence_count))],
            ['First seen', time(item.created_at)], ['Last seen', `${time(item.last_seen_at)} (${ago(item.last_seen_at)})`],
            ['Acknowledged', item.acknowledged_at ? `${time(item.acknowledged_at)} by ${item.acknowledged_by || '?'}` : null],
            ['Enrichment', `${enrichment.state || '–'} after ${num(enrichment.attempts)} attempt(s)`],
            ['Embedding', item.embedding_model ? `${item.embedding_model} (${item.embedding_dim}-d)` : null],
          ]),
          item.source_refs ? h('div', null, h('h3', null, 'Source references'),
            dl(Object.entries(item.source_refs).map(([k, v]) => [k, typeof v === 'string' && /^https?:\/\//.test(v)
              ? h('a', { href: v, rel: 'noreferrer noopener', target: '_blank' }, v) : String(v)]))) : null),
        mergeSection(item, merges),
        similarSection(similar),
        outcomesSection(outcomes),
        formCard || (formCard = outcomeForm(item))));
  }

  function mergeSection(item, merges) {
    const parts = [];
    if (item.merged_into) {
      parts.push(h('p', null, 'Merged into ', h('a', { href: `#/item/${item.merged_into}`, class: 'mono' }, item.merged_into)));
    }
    if (item.merge) {
      parts.push(h('div', null, h('h3', null, 'Why'), dl(Object.entries(item.merge).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]))));
    }
    if (Array.isArray(item.related) && item.related.length) {
      parts.push(h('h3', null, 'Related'), h('ul', null, item.related.map((r) =>
        h('li', null, h('a', { href: `#/item/${r.id}`, class: 'mono' }, r.id), r.score != null ? ` · score ${Number(r.score).toFixed(3)}` : ''))));
    }
    if (merges.status === 'fulfilled') {
      const list = merges.value.merges || merges.value.merged || [];
      if (list.length) {
        parts.push(h('h3', null, 'Merged into this item'), h('ul', null, list.map((m) =>
          h('li', null, h('a', { href: `#/item/${m.id || m.work_item_id}`, class: 'mono' }, m.id || m.work_item_id),
            m.score != null ? ` · score ${Number(m.score).toFixed(3)}` : '', m.reason ? ` · ${m.reason}` : ''))));
      }
    }
    const merged = item.merged_into || (merges.status === 'fulfilled' && (merges.value.merges || []).length);
    const note = h('p', { class: 'muted', role: 'status', id: 'split-result' });
    const split = h('button', { type: 'button', id: 'split', onclick: async () => {
      split.disabled = true;
      try {
        const r = await api(`/work-items/${encodeURIComponent(id)}/split`, { method: 'POST', body: {} });
        note.textContent = r && r.message ? r.message : 'Split.';
        refresh();
      } catch (e) {
        note.textContent = e.status === 404 || e.status === 405 ? 'Split is not available on this server yet.' : e.message;
        split.disabled = false;
      }
    } }, 'Split');
    if (!parts.length) parts.push(h('p', { class: 'muted' }, 'Not merged and not related to another item.'));
    return h('section', { class: 'card', 'aria-labelledby': 's-merge' }, h('h2', { id: 's-merge' }, 'Merges and relations'),
      parts, merged ? [split, note] : null);
  }

  function similarSection(similar) {
    let content;
    if (similar.status === 'rejected') {
      content = h('p', { class: 'muted' }, similar.reason.status === 409 ? 'Not embedded yet: similar items appear once enrichment indexed it.' : similar.reason.message);
    } else {
      const matches = similar.value.results || [];
      content = matches.length ? h('table', { id: 'similar', class: 'compact' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Score'), h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col' }, 'Service'), h('th', { scope: 'col' }, 'Description'))),
        h('tbody', null, matches.map((m) => {
          const w = m.work_item || m;
          return h('tr', null, h('td', { class: 'num' }, Number(m.score).toFixed(3)),
            h('td', null, h('a', { href: `#/item/${w.id || m.id}`, class: 'mono' }, w.id || m.id)),
            h('td', null, w.service || ''), h('td', { class: 'desc' }, w.description || ''));
        })))
        : h('p', { class: 'muted' }, 'No similar items.');
    }
    return h('section', { class: 'card', 'aria-labelledby': 's-sim' }, h('h2', { id: 's-sim' }, 'Similar items'), content);
  }

  function outcomesSection(outcomes) {
    let content;
    if (outcomes.status === 'rejected') {
      content = h('p', { class: 'errors' }, outcomes.reason.message);
    } else if (!outcomes.value.outcomes.length) {
      content = h('p', { class: 'muted' }, 'No outcome recorded yet.');
    } else {
      content = h('ol', { class: 'timeline', id: 'outcomes' }, outcomes.value.outcomes.map((o) => {
        const d = o.learner_delivery || {};
        return h('li', { dataset: { type: o.type, delivery: d.state || '' } },
          h('strong', null, o.type), ` by ${o.actor_id || '?'}`, o.new_assignee_id ? ` → ${o.new_assignee_id}` : '',
          h('span', { class: 'muted' }, ` · ${time(o.recorded_at)}`),
          h('div', null, 'Learner: ', h('span', { class: `delivery delivery-${d.state}` }, d.state || 'unknown'),
            d.state === 'delivered' ? ` at ${time(d.delivered_at)}` : '',
            d.attempts ? ` · ${d.attempts} attempt(s)` : '',
            d.state === 'pending' && d.next_attempt_at ? ` · next try ${time(d.next_attempt_at)}` : '',
            d.last_error ? h('span', { class: 'errors' }, ` · ${d.last_error}`) : ''),
          o.notes ? h('p', null, o.notes) : null);
      }));
    }
    return h('section', { class: 'card', 'aria-labelledby': 's-out' }, h('h2', { id: 's-out' }, 'Outcomes'), content);
  }

  function outcomeForm(item) {
    const summary = h('div', { class: 'errors', role: 'alert', id: 'outcome-errors' });
    const assignee = h('div', { class: 'field', hidden: true },
      h('label', { for: 'o-new_assignee_id' }, 'New assignee'), h('input', { id: 'o-new_assignee_id', name: 'new_assignee_id' }));
    const type = h('select', { id: 'o-type', name: 'type', onchange: () => { assignee.hidden = type.value !== 'reassigned'; } },
      ['resolved', 'reassigned', 'escalated'].map((t) => h('option', { value: t }, t)));
    const form = h('form', { id: 'outcome-form', novalidate: true },
      h('div', { class: 'field' }, h('label', { for: 'o-type' }, 'Outcome'), type),
      h('div', { class: 'field' }, h('label', { for: 'o-actor_id' }, 'Your id'), h('input', { id: 'o-actor_id', name: 'actor_id', autocomplete: 'username' })),
      assignee,
      h('div', { class: 'field' }, h('label', { for: 'o-decision_id' }, 'Decision id (optional)'), h('input', { id: 'o-decision_id', name: 'decision_id' })),
      h('div', { class: 'field wide' }, h('label', { for: 'o-notes' }, 'Notes'), h('textarea', { id: 'o-notes', name: 'notes', rows: 2 })),
      summary,
      h('button', { type: 'submit', id: 'record-outcome' }, 'Record outcome'));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const body = { type: type.value, actor_id: form.elements.actor_id.value };
      for (const f of ['decision_id', 'notes']) if (form.elements[f].value.trim()) body[f] = form.elements[f].value;
      if (type.value === 'reassigned') body.new_assignee_id = form.elements.new_assignee_id.value;
      try {
        const r = await api(`/work-items/${encodeURIComponent(item.id)}/outcome`, { method: 'POST', body });
        showErrors(form, summary, null);
        summary.append(h('p', { class: 'ok' }, `Recorded; item now ${r.work_item_status}; Learner delivery ${r.learner_delivery}.`));
        refresh();
      } catch (e) {
        showErrors(form, summary, e);
      }
    });
    return h('section', { class: 'card', 'aria-labelledby': 's-form' }, h('h2', { id: 's-form' }, 'Record an outcome'), form);
  }

  // Refresh without losing a half-typed outcome: only while the form is not being edited.
  const refresh = throttle(() => {
    const active = document.activeElement;
    if (active && active.closest && active.closest('#outcome-form') && active.id !== 'record-outcome') return;
    load();
  }, 1000);
  load();
  // The Learner delivery state changes without an event of its own: look again while one is pending.
  const poll = setInterval(() => {
    if (body.querySelector('.delivery-pending')) refresh();
  }, 2000);

  return {
    onBatch(batch) {
      if (batch.events.some((e) => e.id === id)) refresh();
    },
    dispose() { disposed = true; clearInterval(poll); },
  };
}
