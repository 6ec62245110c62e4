// Finance's budgets: each department's annual budget against what its statements have charged up to a month (the
// budget to date is the elapsed share of the year), with the alert thresholds reached; and setting a year's budget.
import { call } from './api.js';
import { h, noticeLine, problemLine, replace, table } from './dom.js';
import { money, percent, thisMonth } from './format.js';
import { field, monthForm, numberOrNull, submitted } from './forms.js';
import { guard } from './actions.js';
import { t } from './texts.js';

export async function budgets(session, main) {
  const problem = problemLine();
  const { month, form } = monthForm('budget-month', () => show());
  const body = h('div', {});
  const show = () => guard(problem, async () => {
    replace(body);
    const statuses = await call(session, `/api/finance/budget-status?period=${month.value}`);
    replace(body, table('budgets-table',
      [t('department'), t('annualBudget'), t('budgetToDate'), t('actualToDate'), t('usedShare'), t('alerts')],
      statuses.map((b) => ({
        attributes: { 'data-department': b.department, class: b.alert ? 'warn' : false },
        cells: [b.department, money(b.annualBudgetCny), money(b.budgetToDateCny), money(b.actualToDateCny),
          b.usedShare === null ? t('never') : percent(b.usedShare),
          b.alert ? h('span', { class: 'badge state-failed', 'data-testid': `alert-${b.department}` }, b.alertsReached.map((a) => percent(a)).join(', ')) : ''],
      })), t('noBudgets')));
  });
  replace(main,
    h('h1', {}, t('budgets')),
    form,
    problem,
    body,
    budgetForm(session, show));
  await show();
}

function budgetForm(session, refresh) {
  const problem = problemLine('budget-error');
  const notice = noticeLine('budget-notice');
  const department = h('input', { id: 'budget-department', name: 'department', autocomplete: 'off' });
  const year = h('input', { id: 'budget-year', name: 'year', type: 'number', step: 1, value: thisMonth().slice(0, 4) });
  const amount = h('input', { id: 'budget-amount', name: 'amountCny', type: 'number', step: '0.01' });
  const note = h('input', { id: 'budget-note', name: 'note', autocomplete: 'off' });
  const form = h('form', { novalidate: true, class: 'card', 'data-testid': 'budget-form', onsubmit: submitted(problem, async () => {
    replace(notice);
    const path = `/api/finance/budgets/${encodeURIComponent(department.value.trim())}/${encodeURIComponent(year.value)}`;
    await call(session, path, { method: 'PUT', body: { amountCny: numberOrNull(amount), note: note.value || null } });
    replace(notice, t('budgetSaved', department.value.trim(), year.value));
    await refresh();
  }) },
  h('h2', {}, t('setBudget')),
  field('department', department),
  field('year', year),
  field('amountCny', amount, 'annualBudget'),
  field('note', note, 'remark'),
  problem,
  h('button', { type: 'submit', 'data-testid': 'save-budget' }, t('save')),
  notice);
  return form;
}
