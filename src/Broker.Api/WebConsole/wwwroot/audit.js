// The audit trail, newest first, 50 entries a page: every entry for platform admins and auditors, a department's own
// entries for its members. Filters are the API's own (department, actor, object, days in Asia/Shanghai).
import { call } from './api.js';
import { h, problemLine, replace, table } from './dom.js';
import { dateTime } from './format.js';
import { field, submitted } from './forms.js';
import { t } from './texts.js';

/** <path> is /api/platform/audit or a department's /audit; <byDepartment> offers the department filter. */
export async function auditPage(session, main, path, byDepartment) {
  const inputs = {
    department: byDepartment ? h('input', { id: 'audit-department', name: 'department', autocomplete: 'off' }) : null,
    actor: h('input', { id: 'audit-actor', name: 'actor', autocomplete: 'off' }),
    objectType: h('input', { id: 'audit-object-type', name: 'objectType', autocomplete: 'off', placeholder: 'order, resource, system…' }),
    from: h('input', { id: 'audit-from', name: 'from', type: 'date' }),
    to: h('input', { id: 'audit-to', name: 'to', type: 'date' }),
  };
  const problem = problemLine('audit-error');
  const rows = h('div', {});
  const more = h('div', {});
  const query = (before) => {
    const parameters = new URLSearchParams();
    for (const [name, input] of Object.entries(inputs)) {
      if (input && input.value) {
        // A day filter means whole days in Asia/Shanghai, as statements count them; "to" is the day after, exclusive.
        const value = name === 'from' ? `${input.value}T00:00:00+08:00`
          : name === 'to' ? `${nextDay(input.value)}T00:00:00+08:00` : input.value.trim();
        parameters.set(name, value);
      }
    }
    if (before) {
      parameters.set('before', before);
    }
    return `${path}?${parameters}`;
  };
  const load = async (before) => {
    const page = await call(session, query(before));
    rows.append(entries(page.items));
    replace(more, page.next ? h('button', { type: 'button', class: 'secondary', 'data-testid': 'audit-more', onclick: () => load(page.next) }, t('more')) : null);
  };
  const form = h('form', { novalidate: true, class: 'card', 'data-testid': 'audit-form', onsubmit: submitted(problem, async () => {
    replace(rows);
    replace(more);
    await load(null);
  }) },
  inputs.department ? field('department', inputs.department) : null,
  field('actor', inputs.actor),
  field('objectType', inputs.objectType),
  field('from', inputs.from, 'fromDay'),
  field('to', inputs.to, 'toDay'),
  problem,
  h('button', { type: 'submit', 'data-testid': 'audit-search' }, t('search')));
  replace(main, h('h1', {}, t('audit')), form, rows, more);
  await load(null);
}

function entries(items) {
  return table('audit-table', [t('time'), t('actor'), t('department'), t('object'), t('action'), t('change')], items.map((e) => ({
    attributes: { 'data-audit': e.id },
    cells: [
      dateTime(e.at), e.actorName ?? e.actor, e.department ?? '', `${e.objectType} ${e.objectId}`, e.action,
      e.before || e.after ? h('details', {}, h('summary', {}, t('change')),
        e.before ? h('pre', {}, `${t('before')}: ${JSON.stringify(e.before, null, 2)}`) : null,
        e.after ? h('pre', {}, `${t('after')}: ${JSON.stringify(e.after, null, 2)}`) : null) : '',
    ],
  })), t('noAudit'));
}

function nextDay(day) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
