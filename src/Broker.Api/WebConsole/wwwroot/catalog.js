// The catalog as the platform team keeps it: every plan (its latest version) with what one unit gives, its SLA tiers
// and where it is in its life; for platform admins a new plan, the next version of one, deprecation and retirement.
// A version is immutable: resources keep the version they were ordered with, so "edit" always makes the next one.
import { all, call } from './api.js';
import { h, noticeLine, problemLine, replace, table } from './dom.js';
import { number, stateBadge } from './format.js';
import { act } from './actions.js';
import { field, numberOrNull, select, submitted, textOrNull } from './forms.js';
import { localName, named, t } from './texts.js';

export const Kinds = ['vm', 'database'];

export async function catalog(session, main) {
  const canEdit = session.me.roles.includes('platform-admin');
  const tiers = await call(session, '/api/catalog/sla-tiers');
  const notice = noticeLine('catalog-notice');
  const problem = problemLine('catalog-error');
  const list = h('div', {});
  const editor = h('div', {});
  const outputs = { notice, problem, refresh: null };
  const platformPath = (code, verb) => `/api/platform/catalog/plans/${encodeURIComponent(code)}/${verb}`;

  const buttons = (plan) => plan.status === 'retired' ? '' : [
    h('button', { type: 'button', class: 'small', 'data-testid': `edit-plan-${plan.code}`, onclick: () =>
      replace(editor, planForm(session, tiers, plan, outputs)) }, t('nextVersion')),
    plan.status === 'active'
      ? h('button', { type: 'button', class: 'small secondary', 'data-testid': `deprecate-plan-${plan.code}`, onclick: () =>
        act(outputs, t('planDeprecated', plan.code), () => call(session, platformPath(plan.code, 'deprecate'), { method: 'POST' })) }, t('deprecate'))
      : null,
    h('button', { type: 'button', class: 'small secondary', 'data-testid': `retire-plan-${plan.code}`, onclick: () => {
      if (confirm(t('confirmRetire', plan.code))) {
        act(outputs, t('planRetired', plan.code), () => call(session, platformPath(plan.code, 'retire'), { method: 'POST' }));
      }
    } }, t('retire')),
  ];

  const refresh = async () => {
    const plans = await all(session, '/api/catalog/plans');
    replace(list, table('plans-table', [t('code'), t('kind'), t('name'), t('perUnitSpec'), t('tiers'), t('version'), t('state'), ''],
      plans.map((plan) => ({
        attributes: { 'data-plan': plan.code },
        cells: [plan.code, named('kind', plan.kind), localName(plan), spec(plan), plan.slaTiers.map((c) => tierName(tiers, c)).join(', '),
          h('span', { 'data-testid': `plan-version-${plan.code}` }, plan.version), stateBadge(plan.status, 'planState'), canEdit ? buttons(plan) : ''],
      })), t('noPlans')));
  };
  outputs.refresh = refresh;

  replace(main,
    h('h1', {}, t('catalog')),
    h('p', { class: 'muted' }, t('catalogHelp')),
    canEdit ? h('button', { type: 'button', 'data-testid': 'new-plan', onclick: () => replace(editor, planForm(session, tiers, null, outputs)) }, t('newPlan')) : null,
    editor,
    notice,
    problem,
    list);
  await refresh();
}

/** What one unit of a plan gives, in a line. */
function spec(plan) {
  if (plan.vm) {
    return t('vmSpec', number(plan.vm.vcpu), number(plan.vm.memoryGib), number(plan.vm.systemDiskGib), plan.vm.images.join(', '));
  }
  const db = plan.database;
  return db ? t('databaseSpec', `${db.engine} ${db.engineVersion}`, number(db.instances), number(db.vcpu), number(db.memoryGib), number(db.storageGib)) : '';
}

function tierName(tiers, code) {
  const tier = tiers.find((x) => x.code === code);
  return tier ? localName(tier) : code;
}

/**
 * The form of a new plan (<plan> null: code and kind asked for) or of the next version of <plan> (filled with its
 * current content; the kind never changes). Only what is filled in is sent, so a missing field gets the API's
 * "required" beside it.
 */
function planForm(session, tiers, plan, outputs) {
  const isNew = plan === null;
  const input = (id, name, value, type = 'text') => h('input', { id, name, type, autocomplete: 'off', value: value ?? '', ...(type === 'number' ? { min: 0, step: 1 } : {}) });
  const code = input('plan-code', 'code');
  const kind = select('plan-kind', 'kind', Kinds.map((k) => [k, named('kind', k)]));
  const nameZh = input('plan-name-zh', 'nameZh', plan?.nameZh);
  const nameEn = input('plan-name-en', 'nameEn', plan?.nameEn);
  const tierBoxes = tiers.map((tier) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', id: `plan-tier-${tier.code}`, value: tier.code, checked: plan ? plan.slaTiers.includes(tier.code) : false }),
    ` ${localName(tier)}`));
  const vm = plan?.vm;
  const vmInputs = {
    vcpu: input('plan-vcpu', 'vm.vcpu', vm?.vcpu, 'number'),
    memoryGib: input('plan-memory', 'vm.memoryGib', vm?.memoryGib, 'number'),
    systemDiskGib: input('plan-disk', 'vm.systemDiskGib', vm?.systemDiskGib, 'number'),
    images: input('plan-images', 'vm.images', vm?.images.join(', ')),
  };
  const db = plan?.database;
  const dbInputs = {
    engine: input('plan-engine', 'database.engine', db?.engine ?? 'postgresql'),
    engineVersion: input('plan-engine-version', 'database.engineVersion', db?.engineVersion),
    vcpu: input('plan-db-vcpu', 'database.vcpu', db?.vcpu, 'number'),
    memoryGib: input('plan-db-memory', 'database.memoryGib', db?.memoryGib, 'number'),
    storageGib: input('plan-storage', 'database.storageGib', db?.storageGib, 'number'),
    instances: input('plan-instances', 'database.instances', db?.instances, 'number'),
    backupRetentionDays: input('plan-backup-days', 'database.backupRetentionDays', db?.backupRetentionDays, 'number'),
    connectionLimit: input('plan-connection-limit', 'database.connectionLimit', db?.connectionLimit, 'number'),
  };
  const vmPart = h('fieldset', { 'data-testid': 'plan-vm' }, h('legend', {}, t('kind.vm')),
    field('vm.vcpu', vmInputs.vcpu, 'vcpu'),
    field('vm.memoryGib', vmInputs.memoryGib, 'memoryGib'),
    field('vm.systemDiskGib', vmInputs.systemDiskGib, 'systemDiskGib'),
    field('vm.images', vmInputs.images, 'images'));
  const dbPart = h('fieldset', { 'data-testid': 'plan-database' }, h('legend', {}, t('kind.database')),
    field('database.engine', dbInputs.engine, 'engine'),
    field('database.engineVersion', dbInputs.engineVersion, 'engineVersion'),
    field('database.vcpu', dbInputs.vcpu, 'vcpu'),
    field('database.memoryGib', dbInputs.memoryGib, 'memoryGib'),
    field('database.storageGib', dbInputs.storageGib, 'storageGib'),
    field('database.instances', dbInputs.instances, 'instances'),
    field('database.backupRetentionDays', dbInputs.backupRetentionDays, 'backupRetentionDays'),
    field('database.connectionLimit', dbInputs.connectionLimit, 'connectionLimit'));
  const kindOf = () => (isNew ? kind.value : plan.kind);
  const showKind = () => {
    vmPart.hidden = kindOf() !== 'vm';
    dbPart.hidden = kindOf() !== 'database';
  };
  kind.addEventListener('change', showKind);
  showKind();

  const problem = problemLine('plan-error');
  const body = () => {
    const content = {
      kind: kindOf(),
      nameZh: textOrNull(nameZh),
      nameEn: textOrNull(nameEn),
      slaTiers: tierBoxes.map((box) => box.querySelector('input')).filter((box) => box.checked).map((box) => box.value),
    };
    if (kindOf() === 'vm') {
      content.vm = {
        vcpu: numberOrNull(vmInputs.vcpu), memoryGib: numberOrNull(vmInputs.memoryGib), systemDiskGib: numberOrNull(vmInputs.systemDiskGib),
        images: vmInputs.images.value.split(/[,，\s]+/).filter((image) => image.length > 0),
      };
    } else {
      content.database = Object.fromEntries(Object.entries(dbInputs).map(([name, element]) =>
        [name, element.type === 'number' ? numberOrNull(element) : textOrNull(element)]));
    }
    return isNew ? { code: textOrNull(code), ...content } : content;
  };
  // One key per attempt, as for orders: a double click creates the plan once.
  let key = crypto.randomUUID();
  const form = h('form', { novalidate: true, class: 'card', 'data-testid': 'plan-form', onsubmit: submitted(problem, async () => {
    const saved = isNew
      ? await call(session, '/api/platform/catalog/plans', { method: 'POST', body: body(), headers: { 'Idempotency-Key': key } })
      : await call(session, `/api/platform/catalog/plans/${encodeURIComponent(plan.code)}`, { method: 'PUT', body: body() });
    key = crypto.randomUUID();
    form.remove();
    replace(outputs.problem);
    replace(outputs.notice, t('planSaved', saved.code, saved.version));
    await outputs.refresh();
  }) },
  h('h2', {}, isNew ? t('newPlan') : t('nextVersionOf', plan.code, plan.version + 1)),
  isNew ? [field('code', code, 'code'), field('kind', kind, 'kind')] : null,
  field('nameZh', nameZh, 'nameZh'),
  field('nameEn', nameEn, 'nameEn'),
  h('div', { class: 'field' }, h('span', {}, t('tiers')), h('div', { class: 'checks' }, tierBoxes), h('span', { class: 'field-error', 'data-error-for': 'slaTiers' })),
  vmPart,
  dbPart,
  problem,
  h('div', { class: 'inline' },
    h('button', { type: 'submit', 'data-testid': 'save-plan' }, t('save')),
    h('button', { type: 'button', class: 'secondary', onclick: () => form.remove() }, t('close'))));
  return form;
}
