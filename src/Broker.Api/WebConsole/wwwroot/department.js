// A department's pages: quota, systems, orders (with the order form), resources and the bill. Every call names the
// user's own department; the API refuses any other, so the console cannot show one department another's things.
import { all, call } from './api.js';
import { h, noticeLine, problemLine, replace, table } from './dom.js';
import { dateTime, money, number, stateBadge } from './format.js';
import { monthForm } from './forms.js';
import { localName, named, t } from './texts.js';
import { orderForm } from './order-form.js';
import { resources } from './resources.js';
import { systems } from './systems.js';
import { exportButtons } from './download.js';
import { auditPage } from './audit.js';
import { costs } from './costs.js';
import { act, decisionButtons, guard } from './actions.js';
import { DepartmentRoles, DepartmentWriters, hasAny } from './roles.js';

export function departmentSections(me) {
  if (!me.department || !hasAny(me, DepartmentRoles)) {
    return [];
  }
  const base = `/api/departments/${encodeURIComponent(me.department)}`;
  return [
    { id: 'quota', render: (session, main) => quota(session, main, base) },
    { id: 'systems', render: (session, main) => systems(session, main, base) },
    { id: 'orders', render: (session, main) => orders(session, main, base) },
    { id: 'resources', render: (session, main) => resources(session, main, base) },
    { id: 'bill', render: (session, main) => bill(session, main, base) },
    { id: 'costs', render: (session, main) => costs(session, main, `${base}/finance`, true) },
    { id: 'audit', render: (session, main) => auditPage(session, main, `${base}/audit`, false) },
  ];
}

async function quota(session, main, base) {
  const profile = await call(session, base);
  const rows = profile.quota.dimensions.map((d) => ({
    cells: [localName(d), d.unit, number(d.limit), number(d.used), number(d.reserved), number(d.available)],
  }));
  replace(main,
    h('h1', {}, t('quota'), ' · ', localName(profile)),
    table('quota-table', [t('dimension'), t('unit'), t('limit'), t('used'), t('reserved'), t('available')], rows, ''));
}

async function orders(session, main, base) {
  const canOrder = hasAny(session.me, DepartmentWriters);
  const list = h('div', {});
  const notice = noticeLine('order-notice');
  const problem = problemLine('order-error');
  const outputs = { notice, problem, refresh: async () => replace(list, await orderTable(session, base, canOrder, outputs)) };
  const form = canOrder ? await orderForm(session, base, notice, outputs.refresh) : h('p', { class: 'muted' }, t('readOnly'));
  replace(main, h('h1', {}, t('orders')), form, notice, problem, list);
  await outputs.refresh();
}

async function orderTable(session, base, canOrder, outputs) {
  const items = await all(session, `${base}/orders`);
  const isAdmin = session.me.roles.includes('dept-admin');
  const actions = (o) => {
    if (o.state !== 'pending-approval' || !canOrder) {
      return '';
    }
    const path = `${base}/orders/${encodeURIComponent(o.id)}`;
    return [
      isAdmin && o.waitingFor === 'dept-admin' ? decisionButtons(session, path, o, outputs) : null,
      h('button', { type: 'button', class: 'small secondary', 'data-testid': `cancel-${o.id}`, onclick: () =>
        act(outputs, t('cancelled', o.id), () => call(session, `${path}/cancel`, { method: 'POST' })) }, t('cancel')),
    ];
  };
  const rows = items.map((o) => ({
    attributes: { 'data-order': o.id },
    cells: [
      o.id,
      o.request.systemId,
      `${o.request.planCode} · ${o.request.slaTier}`,
      number(o.request.quantity),
      [stateBadge(o.state), o.reason ? h('span', { class: 'muted', 'data-testid': `reason-${o.id}` }, ` ${o.reason}`) : null],
      progress(o),
      o.waitingFor ?? '',
      o.orderedBy,
      dateTime(o.createdAt),
      actions(o),
    ],
  }));
  return table('orders-table', [t('id'), t('system'), t('plan'), t('quantity'), t('state'), t('progress'), t('waitingFor'), t('orderedBy'), t('created'), ''],
    rows, t('noOrders'));
}

/** How far an order's resources are ("provisioning: 2 of 3 ready"): the order answers before they exist. */
function progress(o) {
  const p = o.progress;
  return p ? h('span', { 'data-testid': `progress-${o.id}`, 'data-progress': p.state }, t(`progress.${p.state}`, p.ready, p.total)) : '';
}

async function bill(session, main, base) {
  const body = h('div', {});
  const problem = problemLine();
  const exports = exportButtons(session, () => ({ path: `${base}/finance/export?period=${month.value}`, stem: `chargeback-${month.value}` }), problem);
  const { month, form } = monthForm('bill-month', () => show(), exports);
  const show = () => guard(problem, async () => {
    replace(body);
    replace(body, await statement(session, `${base}/statements/${month.value}`));
  });
  replace(main,
    h('h1', {}, t('bill')),
    form,
    problem,
    body);
  await show();
}

/** One department's statement: total, by category, then every line. Finance's page shows the same. */
export async function statement(session, path) {
  const s = await call(session, path);
  const categories = s.byCategory.map((c) => ({ cells: [named('category', c.key), money(c.amount)] }));
  const lines = s.lines.map((l) => ({
    cells: [named('category', l.category), l.systemId ?? '', l.resourceId ?? '', l.meter, number(l.quantity), l.unit, number(l.unitPrice), money(l.amount)],
  }));
  return [
    h('p', {}, t('statementState', named('statement', s.state))),
    h('p', { class: 'total' }, `${t('total')}: `, h('strong', { 'data-testid': 'statement-total' }, money(s.total))),
    table('category-table', [t('category'), t('amount')], categories, t('noLines')),
    table('lines-table', [t('category'), t('system'), t('id'), t('meter'), t('quantity'), t('unit'), t('unitPrice'), t('amount')], lines, ''),
  ];
}

