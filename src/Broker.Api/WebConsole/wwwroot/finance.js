// Finance's pages: every department's statement for a month (one department's lines on demand) with the month's
// close (the integrity findings, each explained by finance, then every statement frozen), cost analysis, budgets, rate
// cards, and usage imports.
import { call } from './api.js';
import { h, noticeLine, problemLine, replace, table } from './dom.js';
import { money, number } from './format.js';
import { monthForm } from './forms.js';
import { named, t } from './texts.js';
import { statement } from './department.js';
import { exportButtons } from './download.js';
import { act, guard } from './actions.js';
import { budgets } from './budgets.js';
import { rateCards } from './rate-cards.js';
import { costs } from './costs.js';
import { imports } from './imports.js';

export function financeSections(me) {
  return me.roles.includes('finance')
    ? [{ id: 'statements', render: statements }, { id: 'costs', render: (session, main) => costs(session, main, '/api/finance', false) },
      { id: 'budgets', render: budgets }, { id: 'rateCards', render: rateCards }, { id: 'imports', render: imports }]
    : [];
}

async function statements(session, main) {
  const problem = problemLine('statements-error');
  const notice = noticeLine('statements-notice');
  // Why an explanation or the close was refused: kept while the page reloads after the attempt, cleared when the user
  // asks for a month.
  const refusal = problemLine('close-error');
  const { month, form } = monthForm('statements-month', () => {
    replace(notice);
    replace(refusal);
    show();
  },
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
      items.length > 0 ? h('p', { class: 'total' }, `${t('total')}: `, h('strong', {}, money(total))) : null,
      await monthClose(session, period, items, { notice, problem: refusal, refresh: show }));
  });
  replace(main,
    h('h1', {}, t('statements')),
    form,
    notice,
    refusal,
    problem,
    body,
    detail);
  await show();
}

/**
 * Closing <period>: what the integrity check found (billed but not existing, existing but not billed, overlapping
 * intervals, journal gaps), each explained by finance before the close, and the close itself, which freezes every
 * department's statement with its content hash. The API refuses a month that has not ended or has unexplained findings.
 */
async function monthClose(session, period, items, outputs) {
  const base = `/api/finance/statements/${period}`;
  const findings = await call(session, `${base}/integrity`);
  const explain = (f) => h('button', { type: 'button', class: 'small', 'data-testid': `explain-${f.resourceId}`, onclick: () => {
    const explanation = prompt(t('explainFinding', f.resourceId));
    if (explanation !== null) {
      act(outputs, t('findingExplained', f.resourceId), () => call(session,
        `${base}/integrity/${encodeURIComponent(f.kind)}/${encodeURIComponent(f.resourceId)}`, { method: 'PUT', body: { explanation } }));
    }
  } }, t('explain'));
  const closed = items.length > 0 && items.every((s) => s.state === 'closed');
  return h('section', { class: 'card', 'data-testid': 'month-close' },
    h('h2', {}, t('monthClose')),
    table('findings-table', [t('finding'), t('id'), t('department'), t('detail'), t('explanation')], findings.map((f) => ({
      attributes: { 'data-finding': f.resourceId },
      cells: [named('finding', f.kind), f.resourceId, f.department, f.detail,
        f.explanation ? [f.explanation, h('span', { class: 'muted' }, ` (${f.explainedBy})`)] : explain(f)],
    })), t('noFindings')),
    !closed
      ? h('button', { type: 'button', 'data-testid': 'close-month', onclick: () => {
        if (confirm(t('confirmClose', period))) {
          act(outputs, t('monthClosed', period), () => call(session, `${base}/close`, { method: 'POST' }));
        }
      } }, t('closeMonth'))
      : h('p', { class: 'muted' }, t('monthIsClosed')));
}
