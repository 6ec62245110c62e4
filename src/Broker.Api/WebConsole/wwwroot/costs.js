// Cost analysis: what the shared platform saved against building separately (each system's own hardware for its
// peaks, its share for the period, and the O&M fee on it, against what the platform charged), and the monthly totals
// behind the bills. Finance reads every department; a department reads itself, system by system. The figures are the
// API's (docs/finance.md); this page only lays them out.
import { call } from './api.js';
import { h, replace, table } from './dom.js';
import { money, number } from './format.js';
import { t } from './texts.js';

/** <base>: /api/finance, or a department's /api/departments/{code}/finance (<ofDepartment>). */
export async function costs(session, main, base, ofDepartment) {
  const [savings, trend] = await Promise.all([call(session, `${base}/savings`), call(session, `${base}/trend`)]);
  const trends = ofDepartment ? [trend] : trend;
  const periods = trends[0]?.months.map((m) => m.period) ?? [];
  const ratio = (value) => (value === null || value === undefined ? '–' : `${number(value)}×`);
  const figure = (testId, label, amount) => h('div', { class: 'figure' }, h('span', { class: 'muted' }, t(label)), h('strong', { 'data-testid': testId }, amount));

  const breakdown = ofDepartment
    ? table('savings-table', [t('system'), t('omTier'), t('dedicatedInvestment'), t('separateCost'), t('sharedCharged')],
      (savings.departments[0]?.systems ?? []).map((s) => ({
        attributes: { 'data-system': s.systemId },
        cells: [s.systemId, s.omTier, money(s.dedicatedInvestmentCny), money(s.separateCostCny), money(s.sharedChargedCny)],
      })), t('noSavings'))
    : table('savings-table', [t('department'), t('dedicatedInvestment'), t('separateCost'), t('sharedCharged'), t('saved'), t('savingsRatio')],
      savings.departments.map((d) => ({
        attributes: { 'data-department': d.department },
        cells: [d.department, money(d.dedicatedInvestmentCny), money(d.separateCostCny), money(d.sharedChargedCny), money(d.savingsCny), ratio(d.separateToSharedRatio)],
      })), t('noSavings'));

  replace(main,
    h('h1', {}, t('costs')),
    h('section', { class: 'card' },
      h('h2', {}, t('savingsTitle', savings.from, savings.to)),
      h('p', { class: 'muted' }, t('savingsHelp', savings.hardwareLifeYears)),
      h('div', { class: 'figures' },
        figure('separate-cost', 'separateCost', money(savings.separateCostCny)),
        figure('shared-charged', 'sharedCharged', money(savings.sharedChargedCny)),
        figure('saved', 'saved', money(savings.savingsCny)),
        figure('ratio', 'savingsRatio', ratio(savings.separateToSharedRatio))),
      breakdown),
    h('section', { class: 'card' },
      h('h2', {}, t('monthlyTotals')),
      table('trend-table', [t('department'), ...periods, t('total')], trends.map((d) => ({
        attributes: { 'data-department': d.department },
        cells: [d.department, ...d.months.map((m) => money(m.totalCny)), money(d.totalCny)],
      })), t('noStatements'))));
}
