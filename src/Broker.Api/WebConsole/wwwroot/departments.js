// The platform's view of the departments: each one's quota (limit, used, reserved, available) and, for platform
// admins, onboarding a department (profile, first contact, quota), its profile (names, parent, budget code, active or
// suspended) and the quota editor. Raising limits past what the pools can sell is allowed; the API then names the
// overbooked dimensions in a header and the page shows them.
import { all, call, send } from './api.js';
import { h, noticeLine, problemLine, replace, table } from './dom.js';
import { number, stateBadge } from './format.js';
import { field, numberOrNull, select, submitted, textOrNull } from './forms.js';
import { localName, named, t } from './texts.js';

export const DepartmentStates = ['active', 'suspended'];

export async function departments(session, main) {
  const canEdit = session.me.roles.includes('platform-admin');
  const detail = h('div', {});
  const list = h('div', {});
  const notice = noticeLine('department-notice');
  // The departments as last listed: the parent choices of the onboarding and profile forms.
  let items = [];
  const open = async (code) => replace(detail, await departmentPanel(session, code, items, refresh));
  const refresh = async () => {
    items = await all(session, '/api/platform/departments');
    replace(list, table('departments-table', [t('department'), t('name'), t('state')], items.map((d) => ({
      attributes: { 'data-department': d.code },
      cells: [
        h('a', { href: '#/departments', 'data-testid': `department-${d.code}`, onclick: (event) => {
          event.preventDefault();
          open(d.code);
        } }, d.code),
        localName(d), stateBadge(d.status),
      ],
    })), ''));
  };
  await refresh();
  const create = canEdit
    ? h('button', { type: 'button', 'data-testid': 'new-department', onclick: async () =>
      replace(detail, await newDepartmentForm(session, items, async (created) => {
        replace(notice, t('departmentCreated', created.code));
        await refresh();
        await open(created.code);
      })) }, t('newDepartment'))
    : null;
  replace(main, h('h1', {}, t('departments')), create, notice, list, detail);
}

/**
 * The profile's names, parent department (none, or any department but <except>) and budget code, with ids starting
 * <prefix>, filled from <current>: their labelled fields, and read() for the request body.
 */
function profileFields(prefix, current, departments, except) {
  const input = (id, name, value) => h('input', { id: `${prefix}-${id}`, name, autocomplete: 'off', value: value ?? '' });
  const nameZh = input('name-zh', 'nameZh', current?.nameZh);
  const nameEn = input('name-en', 'nameEn', current?.nameEn);
  const parent = select(`${prefix}-parent`, 'parentCode', [['', t('noParent')],
    ...departments.filter((d) => d.code !== except).map((d) => [d.code, `${localName(d)} (${d.code})`])]);
  parent.value = current?.parentCode ?? '';
  const budgetCode = input('budget-code', 'budgetCode', current?.budgetCode);
  return {
    fields: [field('nameZh', nameZh, 'nameZh'), field('nameEn', nameEn, 'nameEn'), field('parentCode', parent, 'parentDepartment'),
      field('budgetCode', budgetCode, 'budgetCode')],
    read: () => ({ nameZh: textOrNull(nameZh), nameEn: textOrNull(nameEn), parentCode: parent.value || null, budgetCode: textOrNull(budgetCode) }),
  };
}

/** Onboarding a department: code, names, parent, budget code, a first contact and the quota it starts with. */
async function newDepartmentForm(session, departments, done) {
  const dimensions = await call(session, '/api/quota-dimensions');
  const input = (id, name, type = 'text') => h('input', { id, name, type, autocomplete: 'off' });
  const code = input('dept-code', 'code');
  const profile = profileFields('dept', null, departments, null);
  const contactName = input('dept-contact-name', 'contacts[0].name');
  const contactPhone = input('dept-contact-phone', 'contacts[0].phone', 'tel');
  const contactEmail = input('dept-contact-email', 'contacts[0].email', 'email');
  const limits = dimensions.map((d) => h('input', { id: `new-limit-${d.name}`, name: d.name, type: 'number', min: 0, step: 1, value: 0 }));
  const problem = problemLine('new-department-error');
  // One key per attempt: a double click onboards the department once.
  let key = crypto.randomUUID();
  const form = h('form', { novalidate: true, class: 'card', 'data-testid': 'department-form', onsubmit: submitted(problem, async () => {
    const contact = { name: textOrNull(contactName), phone: textOrNull(contactPhone), email: textOrNull(contactEmail) };
    const body = {
      code: textOrNull(code), ...profile.read(), status: 'active',
      // A contact is optional, but one half filled in is sent so that the API can say what it lacks.
      contacts: Object.values(contact).some((v) => v !== null) ? [contact] : [],
      quota: Object.fromEntries(limits.map((limit) => [limit.name, numberOrNull(limit)])),
    };
    const created = await call(session, '/api/platform/departments', { method: 'POST', body, headers: { 'Idempotency-Key': key } });
    key = crypto.randomUUID();
    await done(created);
  }) },
  h('h2', {}, t('newDepartment')),
  field('code', code, 'departmentCode'),
  profile.fields,
  h('fieldset', {}, h('legend', {}, t('contact')),
    field('contacts[0].name', contactName, 'contactName'),
    field('contacts[0].phone', contactPhone, 'contactPhone'),
    field('contacts[0].email', contactEmail, 'contactEmail')),
  h('fieldset', {}, h('legend', {}, t('quota')),
    dimensions.map((d, i) => field(`quota.${d.name}`, limits[i], `dim.${d.name}`))),
  problem,
  h('button', { type: 'submit', 'data-testid': 'create-department' }, t('createDepartment')));
  return form;
}

/** One department: its quota and, for platform admins, its profile and its limits. */
async function departmentPanel(session, code, everyone, refreshList) {
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

  const profile = profileForm(session, path, department, everyone, refreshList);

  const form = h('form', { novalidate: true, 'data-testid': 'quota-form', onsubmit: submitted(problem, async () => {
    replace(notice);
    replace(warning);
    const limits = Object.fromEntries(inputs.map((input) => [input.name, numberOrNull(input)]));
    const answer = await send(session, `${path}/quota`, { method: 'PUT', body: { limits } });
    replace(notice, t('quotaSaved', code));
    const overbooked = answer.headers.get('Broker-Capacity-Overbooked');
    if (overbooked) {
      replace(warning, t('quotaOverbooked', overbooked));
    }
  }) },
  h('h3', {}, t('setQuota')),
  dimensions.map((d, i) => field(`limits.${d.dimension}`, inputs[i], `dim.${d.dimension}`)),
  problem,
  h('button', { type: 'submit', 'data-testid': 'save-quota' }, t('save')));
  return h('section', { class: 'card' }, h('h2', {}, `${localName(department)} (${code})`), usage, form, notice, warning, profile);
}

/** A department's profile: names, parent, budget code and whether it is active or suspended. Contacts are kept as they are. */
function profileForm(session, path, department, everyone, refreshList) {
  const profile = profileFields('profile', department, everyone, department.code);
  const status = select('profile-status', 'status', DepartmentStates.map((s) => [s, named('state', s)]));
  status.value = department.status;
  const problem = problemLine('profile-error');
  const notice = noticeLine('profile-notice');
  const form = h('form', { novalidate: true, 'data-testid': 'profile-form', onsubmit: submitted(problem, async () => {
    replace(notice);
    const body = { ...profile.read(), status: status.value, contacts: department.contacts };
    await call(session, path, { method: 'PUT', body });
    replace(notice, t('profileSaved', department.code));
    await refreshList();
  }) },
  h('h3', {}, t('profile')),
  profile.fields,
  field('status', status, 'state'),
  problem,
  h('button', { type: 'submit', 'data-testid': 'save-profile' }, t('save')));
  return h('div', {}, form, notice);
}
