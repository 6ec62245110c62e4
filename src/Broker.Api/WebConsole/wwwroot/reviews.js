// The platform's review of registered systems: each proposed system with its declarations, and for platform admins
// the decision (an envelope of resources granted per year or in total, or a refusal with a note).
import { all, call } from './api.js';
import { h, noticeLine, problemLine, replace, table } from './dom.js';
import { money } from './format.js';
import { clearErrors, field, select, showRefusal } from './forms.js';
import { named, t } from './texts.js';

export async function reviews(session, main) {
  const canDecide = session.me.roles.includes('platform-admin');
  const notice = noticeLine('review-notice');
  const panel = h('div', {});
  const list = h('div', {});
  const dimensions = await call(session, '/api/quota-dimensions');
  const refresh = async () => {
    const proposed = await all(session, '/api/platform/systems?status=proposed');
    replace(list, table('reviews-table',
      [t('department'), t('id'), t('name'), t('category'), t('omTier'), t('onSharedCloud'), t('networkZone'), t('sharingScope'), ''],
      proposed.map((s) => ({
        attributes: { 'data-system': `${s.department}/${s.id}` },
        cells: [s.department, s.id, s.name, named('category', s.category), named('tier', s.omTier), s.onSharedCloud ? '✓' : '✗',
          named('zone', s.networkZone), named('scope', s.sharingScope),
          canDecide ? h('button', { type: 'button', class: 'small', 'data-testid': `review-${s.department}-${s.id}`, onclick: async () =>
            replace(panel, await reviewForm(session, s, dimensions, notice, async () => {
              replace(panel);
              await refresh();
            })) }, t('review')) : ''],
      })), t('noReviews')));
  };
  replace(main, h('h1', {}, t('reviews')), notice, panel, list);
  await refresh();
}

async function reviewForm(session, summary, dimensions, notice, done) {
  const path = `/api/platform/systems/${encodeURIComponent(summary.department)}/${encodeURIComponent(summary.id)}`;
  const system = await call(session, `/api/departments/${encodeURIComponent(summary.department)}/systems/${encodeURIComponent(summary.id)}`);
  const problem = problemLine('review-error');
  const amounts = dimensions.map((d) => h('input', { id: `envelope-${d.name}`, name: d.name, type: 'number', min: 0, step: 1, value: 0 }));
  const period = select('envelope-period', 'period', ['per-year', 'total'].map((p) => [p, named('period', p)]));
  const note = h('input', { id: 'review-note', name: 'note', autocomplete: 'off' });
  const decide = async (approve) => {
    clearErrors(form, problem);
    const body = approve
      ? { approve, note: note.value || null, envelope: { period: period.value, vector: Object.fromEntries(amounts.map((a) => [a.name, Number(a.value)])) } }
      : { approve, note: note.value || null };
    try {
      await call(session, `${path}/review`, { method: 'POST', body });
      replace(notice, t('reviewed', summary.id));
      await done();
    } catch (error) {
      showRefusal(form, problem, error);
    }
  };
  const form = h('form', { novalidate: true, class: 'card', 'data-testid': 'review-form', onsubmit: (event) => {
    event.preventDefault();
    decide(true);
  } },
  h('h2', {}, `${t('review')} · ${summary.department} / ${system.name}`),
  h('p', { class: 'muted' }, `${t('omFee')}: ${money(system.omFee.annualMinCny)} – ${money(system.omFee.annualMaxCny)}`,
    system.declarations.notOnCloudReason ? ` · ${t('notOnCloudReason')}: ${system.declarations.notOnCloudReason}` : '',
    system.exemptionJustification ? ` · ${t('exemptionJustification')}: ${system.exemptionJustification}` : ''),
  h('h3', {}, t('envelope')),
  dimensions.map((d, i) => field(`envelope.vector.${d.name}`, amounts[i], `dim.${d.name}`)),
  field('envelope.period', period, 'period'),
  field('note', note),
  problem,
  h('button', { type: 'submit', 'data-testid': 'approve-system' }, t('approve')),
  ' ',
  h('button', { type: 'button', class: 'secondary', 'data-testid': 'reject-system', onclick: () => decide(false) }, t('reject')));
  return form;
}

