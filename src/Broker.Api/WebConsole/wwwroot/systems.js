// A department's systems: what is registered and where its review stands, and the registration form with the three
// declarations every project must make (on the shared cloud or why not, its network, what data it shares).
import { all, call } from './api.js';
import { h, noticeLine, problemLine, replace, table } from './dom.js';
import { money, vector } from './format.js';
import { field, numberOrNull, select, submitted } from './forms.js';
import { named, t } from './texts.js';
import { DepartmentWriters, hasAny } from './roles.js';

export const Categories = ['business-application', 'data-service', 'public-service', 'internal-collaboration', 'information-publishing', 'other'];
export const Zones = ['extranet', 'internet', 'dedicated-line'];
export const Scopes = ['cross-department', 'department', 'office', 'none', 'standalone'];

export async function systems(session, main, base) {
  const canRegister = hasAny(session.me, DepartmentWriters);
  const notice = noticeLine('system-notice');
  const list = h('div', {});
  const refresh = async () => replace(list, await systemTable(session, base));
  replace(main, h('h1', {}, t('systems')), canRegister ? registrationForm(session, base, notice, refresh) : null, notice, list);
  await refresh();
}

async function systemTable(session, base) {
  const items = await all(session, `${base}/systems`);
  const details = await Promise.all(items.map((s) => call(session, `${base}/systems/${encodeURIComponent(s.id)}`)));
  return table('systems-table',
    [t('id'), t('name'), t('category'), t('omTier'), t('omFee'), t('state'), t('networkZone'), t('sharingScope'), t('envelope')],
    details.map((s) => ({
      attributes: { 'data-system': s.id },
      cells: [
        s.id, s.name, named('category', s.category), named('tier', s.omTier),
        `${money(s.omFee.annualMinCny)} – ${money(s.omFee.annualMaxCny)}`,
        [h('span', { class: `badge state-${s.status}`, 'data-state': s.status }, named('review', s.status)),
          s.reviewNote ? h('span', { class: 'muted' }, ` ${s.reviewNote}`) : null],
        named('zone', s.declarations.networkZone), named('scope', s.declarations.sharingScope),
        s.envelope ? `${vector(s.envelope.vector)} (${named('period', s.envelope.period)})` : '',
      ],
    })), t('noSystemsYet'));
}

function registrationForm(session, base, notice, refresh) {
  const problem = problemLine('system-form-error');
  const id = h('input', { id: 'system-id', name: 'id', autocomplete: 'off', placeholder: 'e-permits' });
  const name = h('input', { id: 'system-name', name: 'name', autocomplete: 'off' });
  const description = h('input', { id: 'system-description', name: 'description', autocomplete: 'off' });
  const category = select('system-category', 'category', Categories.map((c) => [c, named('category', c)]));
  const tier = select('system-tier', 'omTier', [1, 2, 3].map((n) => [n, named('tier', n)]));
  const investment = h('input', { id: 'system-investment', name: 'buildInvestmentCny', type: 'number', min: 0, step: '0.01' });
  const onCloud = h('input', { id: 'system-on-cloud', name: 'onSharedCloud', type: 'checkbox', checked: true });
  const notOnCloud = h('input', { id: 'system-not-on-cloud', name: 'notOnCloudReason', autocomplete: 'off' });
  const zone = select('system-zone', 'networkZone', Zones.map((z) => [z, named('zone', z)]));
  const scope = select('system-scope', 'sharingScope', Scopes.map((s) => [s, named('scope', s)]));
  const entries = h('input', { id: 'system-entries', name: 'sharedCatalogEntries', autocomplete: 'off', placeholder: t('entriesHint') });
  const exemption = h('input', { id: 'system-exemption', name: 'exemptionJustification', autocomplete: 'off' });
  const form = h('form', { novalidate: true, class: 'card', 'data-testid': 'system-form', onsubmit: submitted(problem, async () => {
    const body = {
      name: name.value,
      description: description.value || null,
      omTier: Number(tier.value),
      buildInvestmentCny: numberOrNull(investment),
      category: category.value,
      declarations: {
        onSharedCloud: onCloud.checked,
        notOnCloudReason: notOnCloud.value || null,
        networkZone: zone.value,
        sharingScope: scope.value,
        sharedCatalogEntries: entries.value.split(/[,，\n]/).map((e) => e.trim()).filter((e) => e !== ''),
      },
      exemptionJustification: exemption.value || null,
    };
    const system = await call(session, `${base}/systems/${encodeURIComponent(id.value.trim())}`, { method: 'PUT', body });
    replace(notice, t('registered', system.id, money(system.omFee.annualMinCny), money(system.omFee.annualMaxCny)));
    await refresh();
  }) },
  h('h2', {}, t('registerSystem')),
  field('id', id, 'systemCode'),
  field('name', name),
  field('description', description),
  field('category', category),
  field('omTier', tier),
  field('buildInvestmentCny', investment, 'buildInvestment'),
  h('h3', {}, t('declarations')),
  field('declarations.onSharedCloud', onCloud, 'onSharedCloud'),
  field('declarations.notOnCloudReason', notOnCloud, 'notOnCloudReason'),
  field('declarations.networkZone', zone, 'networkZone'),
  field('declarations.sharingScope', scope, 'sharingScope'),
  field('declarations.sharedCatalogEntries', entries, 'sharedCatalogEntries'),
  field('exemptionJustification', exemption, 'exemptionJustification'),
  problem,
  h('button', { type: 'submit', 'data-testid': 'register-system' }, t('submitSystem')));
  return form;
}
