// The platform's view of the departments: each one's quota (limit, used, reserved, available) and, for platform
// admins, the quota editor. Raising limits past what the pools can sell is allowed; the API then names the
// overbooked dimensions in a header and the page shows them.
import { all, call, send } from './api.js';
import { h, noticeLine, problemLine, replace, table } from './dom.js';
import { number } from './format.js';
import { clearErrors, field, showRefusal } from './forms.js';
import { localName, t } from './texts.js';

export async function departments(session, main) {
  const detail = h('div', {});
  const items = await all(session, '/api/platform/departments');
  replace(main,
    h('h1', {}, t('departments')),
    table('departments-table', [t('department'), t('name'), t('state')], items.map((d) => ({
      attributes: { 'data-department': d.code },
      cells: [
        h('a', { href: '#/departments', 'data-testid': `department-${d.code}`, onclick: async (event) => {
          event.preventDefault();
          replace(detail, await quotaEditor(session, d.code));
        } }, d.code),
        localName(d), d.status,
      ],
    })), ''),
    detail);
}

async function quotaEditor(session, code) {
  const path = `/api/platform/departments/${encodeURIComponent(code)}`;
  const department = await call(session, path);
  const canEdit = session.me.roles.includes('platform-admin');
  const dimensions = department.quota.dimensions;
  const inputs = dimensions.map((d) => h('input', { id: `limit-${d.dimension}`, name: d.dimension, type: 'number', min: 0, step: 1, value: d.limit }));
  const problem = problemLine('quota-error');
  const notice = noticeLine('quota-notice');
  const warning = h('p', { class: 'warning', role: 'status', 'data-testid': 'overbooked' });
  const usage = table('department-quota', [t('dimension'), t('limit'), t('used'), t('reserved'), t('available')],
    dimensions.map((d) => ({ cells: [localName(d), number(d.limit), number(d.used), number(d.reserved), number(d.available)] })), '');
  if (!canEdit) {
    return h('section', { class: 'card' }, h('h2', {}, `${localName(department)} (${code})`), usage);
  }

  const form = h('form', { novalidate: true, 'data-testid': 'quota-form', onsubmit: async (event) => {
    event.preventDefault();
    clearErrors(form, problem);
    replace(notice);
    replace(warning);
    const limits = Object.fromEntries(inputs.map((input) => [input.name, input.value === '' ? null : Number(input.value)]));
    try {
      const answer = await send(session, `${path}/quota`, { method: 'PUT', body: { limits } });
      replace(notice, t('quotaSaved', code));
      const overbooked = answer.headers.get('Broker-Capacity-Overbooked');
      if (overbooked) {
        replace(warning, t('quotaOverbooked', overbooked));
      }
    } catch (error) {
      showRefusal(form, problem, error);
    }
  } },
  h('h3', {}, t('setQuota')),
  dimensions.map((d, i) => field(`limits.${d.dimension}`, inputs[i], `dim.${d.dimension}`)),
  problem,
  h('button', { type: 'submit', 'data-testid': 'save-quota' }, t('save')));
  return h('section', { class: 'card' }, h('h2', {}, `${localName(department)} (${code})`), usage, form, notice, warning);
}
