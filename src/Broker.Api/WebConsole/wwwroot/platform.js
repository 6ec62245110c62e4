// The platform team's pages: the machine room's capacity (simulated pools labelled as such), the approval queue,
// system reviews, departments with their quotas, and the catalog.
import { all, call, catalogPlans } from './api.js';
import { h, noticeLine, problemLine, replace, table } from './dom.js';
import { dateTime, number, percent, simulatedBadge, stateBadge, vector } from './format.js';
import { localName, named, t } from './texts.js';
import { select } from './forms.js';
import { Zones } from './systems.js';
import { decisionButtons, guard } from './actions.js';
import { reviews } from './reviews.js';
import { departments } from './departments.js';
import { catalog } from './catalog.js';
import { AuditReaders, Operators, PlatformReaders, hasAny } from './roles.js';
import { auditPage } from './audit.js';

// As the API allows: capacity for the platform's admins and operators; the approval queue, the systems under review
// and the departments also for the auditor, who reads them without deciding (a system's review is the platform admin's);
// the catalog for all three (edited by platform admins); the whole audit trail for platform admins and auditors.
export function platformSections(me) {
  return [
    hasAny(me, Operators) ? { id: 'capacity', render: capacity } : null,
    hasAny(me, PlatformReaders) ? { id: 'approvals', render: approvals } : null,
    hasAny(me, PlatformReaders) ? { id: 'reviews', render: reviews } : null,
    hasAny(me, PlatformReaders) ? { id: 'departments', render: departments } : null,
    hasAny(me, PlatformReaders) ? { id: 'catalog', render: catalog } : null,
    hasAny(me, AuditReaders) ? { id: 'audit', render: (session, main) => auditPage(session, main, '/api/platform/audit', true) } : null,
  ].filter((section) => section !== null);
}

async function capacity(session, main) {
  const [report, overbooking] = await Promise.all([
    call(session, '/api/platform/capacity'),
    call(session, '/api/platform/capacity/overbooking'),
  ]);
  const pools = report.pools.map((pool) => h('section', { class: 'card pool', 'data-pool': pool.name },
    h('h2', {}, pool.name, ' ', pool.simulated ? simulatedBadge() : null),
    h('p', { class: 'muted' }, `${t('backend')}: ${pool.backend} · ${t('zones')}: ${pool.zones.map((z) => named('zone', z)).join(', ')}`),
    table(`pool-${pool.name}`, [t('dimension'), t('physical'), t('overcommit'), t('allocatable'), t('allocated'), t('reserved'), t('free'), t('headroom'), t('runsOut')],
      pool.dimensions.map((d) => ({
        attributes: { class: d.headroomLow ? 'warn' : false },
        cells: [named('dim', d.dimension), number(d.physical), `${number(d.overcommit)}:1`, number(d.allocatable), number(d.allocated),
          number(d.reserved), number(d.free), [percent(d.headroomRatio), d.headroomLow ? ` (${t('headroomLow')})` : ''], d.runsOutOn ?? t('never')],
      })), '')));
  const booked = overbooking.dimensions.map((d) => ({
    attributes: { class: d.overbooked ? 'warn' : false },
    cells: [named('dim', d.dimension), number(d.quotaLimits), number(d.allocatable), d.ratio === null ? t('never') : `${number(d.ratio)}`,
      d.overbooked ? t('overbooked') : ''],
  }));
  replace(main,
    h('h1', {}, t('capacity')),
    await planFit(session),
    pools,
    h('h2', {}, t('overbooking')),
    table('overbooking-table', [t('dimension'), t('quotaLimits'), t('allocatable'), t('ratio'), ''], booked, ''));
}

/** "How many more of plan X fit": a plan from the catalog, optionally one zone, answered per pool and in total. */
async function planFit(session) {
  const plans = await catalogPlans(session);
  const plan = select('fit-plan', 'plan', plans.map((p) => [p.code, `${localName(p)} (${p.code})`]));
  const zone = select('fit-zone', 'zone', [['', t('anyZone')], ...Zones.map((z) => [z, named('zone', z)])]);
  const answer = h('div', { 'data-testid': 'fit-answer' });
  const problem = problemLine();
  const ask = () => guard(problem, async () => {
    const query = zone.value ? `?zone=${encodeURIComponent(zone.value)}` : '';
    const fit = await call(session, `/api/platform/capacity/plans/${encodeURIComponent(plan.value)}/fit${query}`);
    replace(answer,
      h('p', {}, t('fitTotal', fit.planCode, number(fit.total))),
      table('fit-table', [t('pool'), t('zones'), t('fits')],
        fit.pools.map((p) => ({ cells: [p.pool, p.zones.map((z) => named('zone', z)).join(', '), number(p.fits)] })), t('noPool')));
  });
  return h('form', { novalidate: true, class: 'card', 'data-testid': 'fit-form', onsubmit: (event) => {
    event.preventDefault();
    ask();
  } },
  h('h2', {}, t('howManyFit')),
  h('div', { class: 'inline' }, plan, zone, h('button', { type: 'submit', 'data-testid': 'ask-fit' }, t('show'))),
  problem,
  answer);
}

async function approvals(session, main) {
  const canApprove = hasAny(session.me, Operators);
  const notice = noticeLine('approval-notice');
  const problem = problemLine('approval-error');
  const list = h('div', {});
  const outputs = { notice, problem, refresh: null };
  const refresh = async () => {
    const items = await all(session, '/api/platform/approvals');
    replace(list, table('approvals-table', [t('department'), t('id'), t('plan'), t('quantity'), t('total'), t('state'), t('orderedBy'), t('created'), ''],
      items.map((o) => ({
        attributes: { 'data-order': o.id },
        cells: [o.department, o.id, `${o.request.planCode} · ${o.request.slaTier}`, number(o.request.quantity), vector(o.total), stateBadge(o.state),
          o.orderedBy, dateTime(o.createdAt),
          canApprove ? decisionButtons(session, `/api/platform/orders/${encodeURIComponent(o.department)}/${encodeURIComponent(o.id)}`, o, outputs) : ''],
      })), t('noApprovals')));
  };
  outputs.refresh = refresh;
  replace(main, h('h1', {}, t('approvals')), notice, problem, list);
  await refresh();
}
