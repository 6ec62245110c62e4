// A department's resources with what a member may do to each (stop, start, resize, retry, delete, a database's
// connection details). The API decides; the buttons only offer what fits the resource's state. While anything is on
// its way to a settled state the list refreshes itself, so a user sees provisioning end without reloading. Deleted
// resources stay in the API's list (their history and bill lines refer to them) but are shown only when asked for.
import { all, call, catalogPlans } from './api.js';
import { act } from './actions.js';
import { h, noticeLine, problemLine, replace, table } from './dom.js';
import { dateTime, simulatedBadge, stateBadge } from './format.js';
import { localName, named, t } from './texts.js';
import { select } from './forms.js';
import { DepartmentWriters, hasAny } from './roles.js';

// Waiting for the broker, not for a person: a resource pending approval may wait for days, so it is not polled for.
const Moving = ['approved', 'provisioning', 'updating', 'deleting'];
const RefreshEvery = 3000;

export async function resources(session, main, base) {
  const canAct = hasAny(session.me, DepartmentWriters);
  const notice = noticeLine('resource-notice');
  const problem = problemLine('resource-error');
  const secret = h('div', {});
  const list = h('div', {});
  const showDeleted = h('input', { type: 'checkbox', id: 'show-deleted', onchange: () => refresh() });
  const shownFor = location.hash;
  let timer = null;

  const outputs = { notice, problem, refresh: () => refresh() };
  const actions = (r) => {
    if (!canAct) {
      return '';
    }
    const path = `${base}/resources/${encodeURIComponent(r.id)}`;
    const button = (key, onclick) => h('button', { type: 'button', class: 'small', 'data-testid': `${key}-${r.id}`, onclick }, t(key));
    const post = (key, verb) => button(key, () => act(outputs, t(`${key}Done`, r.id), () => call(session, `${path}/${verb}`, { method: 'POST' })));
    return [
      r.spec.kind === 'vm' && r.state === 'ready' ? post('stop', 'stop') : null,
      r.spec.kind === 'vm' && r.state === 'stopped' ? post('start', 'start') : null,
      r.state === 'failed' ? post('retry', 'retry') : null,
      r.spec.kind === 'database' && r.state === 'ready' ? button('credentials', () => act(outputs, t('credentialsDone', r.id), async () => {
        replace(secret);
        replace(secret, credentials(await call(session, `${path}/credentials`, { method: 'POST' })));
      })) : null,
      ['ready', 'stopped'].includes(r.state) ? button('resize', () => replace(secret, resizeForm(r, path))) : null,
      ['deleting', 'deleted'].includes(r.state) ? null : button('delete', () => {
        if (confirm(t('confirmDelete', r.id))) {
          act(outputs, t('deleteDone', r.id), () => call(session, path, { method: 'DELETE' }));
        }
      }),
    ];
  };

  // Another plan of the same kind that offers the resource's SLA tier; the API checks quota and capacity for the change.
  const plans = canAct ? await catalogPlans(session) : [];
  const resizeForm = (r, path) => {
    const choices = plans.filter((p) => p.kind === r.spec.kind && p.status === 'active' && p.code !== r.spec.planCode && p.slaTiers.includes(r.spec.slaTier));
    const plan = select('resize-plan', 'planCode', choices.map((p) => [p.code, `${localName(p)} (${p.code})`]));
    return h('form', { novalidate: true, class: 'card inline', 'data-testid': 'resize-form', onsubmit: (event) => {
      event.preventDefault();
      replace(secret);
      act(outputs, t('resizeDone', r.id, plan.value), () => call(session, `${path}/resize`, { method: 'POST', body: { planCode: plan.value } }));
    } },
    h('label', { for: 'resize-plan' }, t('resizeTo', r.id)), plan,
    h('button', { type: 'submit', 'data-testid': 'resize-submit' }, t('resize')),
    h('button', { type: 'button', class: 'secondary', onclick: () => replace(secret) }, t('close')));
  };

  const refresh = async () => {
    clearTimeout(timer);
    const listed = await all(session, `${base}/resources`);
    const items = showDeleted.checked ? listed : listed.filter((r) => r.state !== 'deleted');
    replace(list, table('resources-table',
      [t('id'), t('system'), t('kind'), t('plan'), t('state'), t('backend'), t('pool'), t('address'), t('created'), ''],
      items.map((r) => ({
        attributes: { 'data-resource': r.id },
        cells: [
          r.id, r.system, named('kind', r.spec.kind), `${r.spec.planCode} · ${r.spec.slaTier}`,
          [stateBadge(r.state), r.failureReason ? h('span', { class: 'muted' }, ` ${r.failureReason}`) : null],
          [r.backend, ' ', r.simulated ? simulatedBadge() : null],
          r.pool ?? '', r.outputs?.ip ?? r.outputs?.host ?? '', dateTime(r.createdAt), actions(r),
        ],
      })), t('noResources')));
    if (items.some((r) => Moving.includes(r.state))) {
      timer = setTimeout(() => {
        if (location.hash === shownFor && main.isConnected) {
          refresh();
        }
      }, RefreshEvery);
    }
  };

  replace(main, h('h1', {}, t('resources')), notice, problem, secret,
    h('label', { class: 'check' }, showDeleted, ' ', t('showDeleted')), list);
  await refresh();
}

/** A database's connection details with its new password: on the page until the user leaves it, kept nowhere. */
function credentials(access) {
  const uri = `host=${access.host} port=${access.port} dbname=${access.database} user=${access.username}`;
  return h('section', { class: 'card secret', 'data-testid': 'credentials' },
    h('h2', {}, t('connection')),
    h('p', { class: 'error' }, t('shownOnce')),
    h('dl', {},
      h('dt', {}, t('host')), h('dd', { 'data-testid': 'db-host' }, access.host),
      h('dt', {}, t('port')), h('dd', { 'data-testid': 'db-port' }, String(access.port)),
      h('dt', {}, t('databaseName')), h('dd', { 'data-testid': 'db-database' }, access.database),
      h('dt', {}, t('username')), h('dd', { 'data-testid': 'db-username' }, access.username),
      h('dt', {}, t('password')), h('dd', { 'data-testid': 'db-password' }, h('code', {}, access.password))),
    h('p', {}, h('code', {}, `psql "${uri}"`)));
}
