// The order form: a plan from the catalog for one of the department's approved systems. The API checks everything
// (quota, capacity, the plan's tiers and images); the form shows its answer, each field's message beside the field.
import { ApiError, all, call, catalogPlans } from './api.js';
import { h, problemLine, replace } from './dom.js';
import { money } from './format.js';
import { field, submitted } from './forms.js';
import { localName, named, t } from './texts.js';

export async function orderForm(session, base, notice, refresh) {
  const [systems, catalog] = await Promise.all([all(session, `${base}/systems?status=approved`), catalogPlans(session)]);
  if (systems.length === 0) {
    return h('p', { class: 'notice' }, t('noSystems'));
  }

  const plans = catalog.filter((plan) => plan.status === 'active');
  const problem = problemLine('form-error');
  const system = h('select', { id: 'order-system', name: 'systemId' }, systems.map((s) => h('option', { value: s.id }, `${s.id} · ${s.name}`)));
  const plan = h('select', { id: 'order-plan', name: 'planCode' },
    plans.map((p) => h('option', { value: p.code }, `${localName(p)} (${p.code})`)));
  const tier = h('select', { id: 'order-tier', name: 'slaTier' });
  const image = h('select', { id: 'order-image', name: 'image' });
  const databaseName = h('input', { id: 'order-database', name: 'databaseName', autocomplete: 'off' });
  const quantity = h('input', { id: 'order-quantity', name: 'quantity', type: 'number', value: 1, step: 1 });
  const imageRow = field('image', image);
  const databaseRow = field('databaseName', databaseName);

  // What the order would cost a month at this month's rate cards; the department sees it before placing the order.
  const quote = h('p', { class: 'quote', 'data-testid': 'quote' });
  let asked = 0;
  const requote = async () => {
    const ask = ++asked;
    const query = new URLSearchParams({ plan: plan.value, slaTier: tier.value, quantity: quantity.value });
    let text = '';
    try {
      const answer = await call(session, `${base}/quote?${query}`);
      text = t('monthly', money(answer.monthlyTotal));
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
    }
    // Only the latest question's answer is shown, whatever order the answers arrive in.
    if (ask === asked) {
      replace(quote, text);
    }
  };

  const choosePlan = () => {
    const chosen = plans.find((p) => p.code === plan.value);
    replace(tier, (chosen?.slaTiers ?? []).map((code) => h('option', { value: code }, code)));
    replace(image, (chosen?.vm?.images ?? []).map((code) => h('option', { value: code }, code)));
    imageRow.hidden = chosen?.kind !== 'vm';
    databaseRow.hidden = chosen?.kind !== 'database';
  };
  plan.addEventListener('change', () => {
    choosePlan();
    requote();
  });
  tier.addEventListener('change', requote);
  quantity.addEventListener('input', requote);
  choosePlan();
  requote();

  // One key per attempt: a double click or a retry after a lost answer places the order once.
  let key = crypto.randomUUID();
  const form = h('form', { novalidate: true, class: 'card order-form', 'data-testid': 'order-form', onsubmit: submitted(problem, async () => {
    const chosen = plans.find((p) => p.code === plan.value);
    const body = { systemId: system.value, planCode: plan.value, slaTier: tier.value, quantity: Number(quantity.value) };
    if (chosen?.kind === 'vm') {
      body.image = image.value;
    } else if (chosen?.kind === 'database') {
      body.databaseName = databaseName.value;
    }
    const order = await call(session, `${base}/orders`, { method: 'POST', body, headers: { 'Idempotency-Key': key } });
    key = crypto.randomUUID();
    replace(notice, t('placed', order.id, named('state', order.state)));
    await refresh();
  }) },
  h('h2', {}, t('newOrder')),
  field('systemId', system, 'system'),
  field('planCode', plan, 'plan'),
  field('slaTier', tier, 'tier'),
  imageRow,
  databaseRow,
  field('quantity', quantity),
  quote,
  problem,
  h('button', { type: 'submit', 'data-testid': 'place-order' }, t('submit')));
  return form;
}
