// Finance's pages: every department's statement for a month (one department's lines on demand), and budgets.
import { call } from './api.js';
import { h, problemLine, replace, table } from './dom.js';
import { money, number } from './format.js';
import { monthForm } from './forms.js';
import { named, t } from './texts.js';
import { statement } from './department.js';
import { exportButtons } from './download.js';
import { guard } from './actions.js';
import { budgets } from './budgets.js';

export function financeSections(me) {
  return me.roles.includes('finance') ? [{ id: 'statements', render: statements }, { id: 'budgets', render: budgets }] : [];
}

async function statements(session, main) {
  const problem = problemLine();
  const { month, form } = monthForm('statements-month', () => show(),
    exportButtons(session, () => ({ path: `/api/finance/exports/${month.value}`, stem: `chargeback-${month.value}` }), problem));
  const body = h('div', {});
  const detail = h('div', {});
  const show = () => guard(problem, async () => {
    replace(detail);
    replace(body);
    const period = month.value;
    const items = await call(session, `/api/finance/statements/${period}`);
    const rows = items.map((s) => ({
      attributes: { 'data-department': s.department },
      cells: [
        h('a', { href: '#/statements', onclick: async (event) => {
          event.preventDefault();
          replace(detail, h('h2', {}, s.department), await statement(session, `/api/finance/statements/${period}/departments/${encodeURIComponent(s.department)}`));
        } }, s.department),
        named('statement', s.state), number(s.lines), money(s.total),
      ],
    }));
    // Summed in whole fen: the statements' totals are already rounded to the fen, so this adds no rounding of its own.
    const total = items.reduce((fen, s) => fen + Math.round(s.total * 100), 0) / 100;
    replace(body,
      table('statements-table', [t('department'), t('state'), t('lines'), t('amount')], rows, t('noStatements')),
      items.length > 0 ? h('p', { class: 'total' }, `${t('total')}: `, h('strong', {}, money(total))) : null);
  });
  replace(main,
    h('h1', {}, t('statements')),
    form,
    problem,
    body,
    detail);
  await show();
}
