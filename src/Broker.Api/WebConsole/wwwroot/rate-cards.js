// Finance's rate cards: every version (a version is never changed; prices change by a new version from a date on) and
// the form of the next one, which starts from the latest card's prices. Back-dating (a start today or earlier) rewrites
// what open months cost, so the API asks for a reason; a start inside a closed month is refused.
import { call } from './api.js';
import { h, noticeLine, problemLine, replace, table } from './dom.js';
import { number } from './format.js';
import { field, numberOrNull, submitted, textOrNull } from './forms.js';
import { t } from './texts.js';

export async function rateCards(session, main) {
  const notice = noticeLine('rate-card-notice');
  const list = h('div', {});
  const editor = h('div', {});
  const refresh = async () => {
    const cards = await call(session, '/api/finance/rate-cards');
    replace(list, table('rate-cards-table',
      [t('version'), t('effectiveFrom'), t('effectiveTo'), t('vcpuHour'), t('memoryGibHour'), t('storageGibMonth'), t('databasePlans'),
        t('slaMultipliers'), t('createdBy'), t('backdatingReason')],
      [...cards].reverse().map((card) => ({
        attributes: { 'data-version': card.version },
        cells: [card.version, card.effectiveFrom, card.effectiveTo ?? t('openEnded'), number(card.prices.vcpuHour),
          number(card.prices.memoryGibHour), number(card.prices.storageGibMonth), pairs(card.prices.databasePlans),
          pairs(card.prices.slaMultipliers), card.createdBy, card.backdatingReason ?? ''],
      })), t('noRateCards')));
    replace(editor, rateCardForm(session, cards.at(-1) ?? null, async (card) => {
      replace(notice, t('rateCardSaved', card.version, card.effectiveFrom));
      await refresh();
    }));
  };
  replace(main, h('h1', {}, t('rateCards')), h('p', { class: 'muted' }, t('rateCardsHelp')), notice, list, editor);
  await refresh();
}

function pairs(map) {
  return Object.entries(map ?? {}).map(([key, value]) => `${key} ${number(value)}`).join(' · ');
}

/** The first day of next month in Asia/Shanghai (yyyy-MM-dd): a new card usually starts there. */
function firstOfNextMonth() {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).formatToParts(new Date());
  const year = Number(parts.find((p) => p.type === 'year').value);
  const month = Number(parts.find((p) => p.type === 'month').value);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/**
 * The next version: dates, the three unit prices, each database plan's monthly fee and each SLA tier's multiplier,
 * starting from <latest>'s; the meters of imported usage and what a stopped VM still pays for are carried over as
 * they are (the API takes them too).
 */
function rateCardForm(session, latest, saved) {
  const prices = latest?.prices ?? { vcpuHour: 0, memoryGibHour: 0, storageGibMonth: 0, chargedWhenStopped: ['storage'], databasePlans: {}, meters: {}, slaMultipliers: {} };
  const price = (id, name, value) => h('input', { id, name, type: 'number', step: 'any', value });
  const from = h('input', { id: 'card-from', name: 'effectiveFrom', type: 'date', value: firstOfNextMonth() });
  const to = h('input', { id: 'card-to', name: 'effectiveTo', type: 'date' });
  const vcpu = price('card-vcpu-hour', 'prices.vcpuHour', prices.vcpuHour);
  const memory = price('card-memory-hour', 'prices.memoryGibHour', prices.memoryGibHour);
  const storage = price('card-storage-month', 'prices.storageGibMonth', prices.storageGibMonth);
  const plans = Object.entries(prices.databasePlans).map(([code, fee]) => price(`card-plan-${code}`, code, fee));
  const tiers = Object.entries(prices.slaMultipliers).map(([code, multiplier]) => price(`card-tier-${code}`, code, multiplier));
  const reason = h('input', { id: 'card-reason', name: 'backdatingReason', autocomplete: 'off' });
  const problem = problemLine('rate-card-error');
  const form = h('form', { novalidate: true, class: 'card', 'data-testid': 'rate-card-form', onsubmit: submitted(problem, async () => {
    const body = {
      effectiveFrom: from.value || null,
      effectiveTo: to.value || null,
      backdatingReason: textOrNull(reason),
      prices: {
        vcpuHour: numberOrNull(vcpu), memoryGibHour: numberOrNull(memory), storageGibMonth: numberOrNull(storage),
        chargedWhenStopped: prices.chargedWhenStopped, meters: prices.meters,
        databasePlans: Object.fromEntries(plans.map((input) => [input.name, numberOrNull(input)])),
        slaMultipliers: Object.fromEntries(tiers.map((input) => [input.name, numberOrNull(input)])),
      },
    };
    saved(await call(session, '/api/finance/rate-cards', { method: 'POST', body }));
  }) },
  h('h2', {}, t('newRateCard')),
  field('effectiveFrom', from, 'effectiveFrom'),
  field('effectiveTo', to, 'effectiveTo'),
  field('prices.vcpuHour', vcpu, 'vcpuHour'),
  field('prices.memoryGibHour', memory, 'memoryGibHour'),
  field('prices.storageGibMonth', storage, 'storageGibMonth'),
  plans.length > 0 ? h('fieldset', {}, h('legend', {}, t('databasePlans')), plans.map((input) => field(`prices.databasePlans.${input.name}`, input, input.name))) : null,
  tiers.length > 0 ? h('fieldset', {}, h('legend', {}, t('slaMultipliers')), tiers.map((input) => field(`prices.slaMultipliers.${input.name}`, input, input.name))) : null,
  h('span', { class: 'field-error', 'data-error-for': 'prices' }),
  h('span', { class: 'field-error', 'data-error-for': 'prices.slaMultipliers' }),
  field('backdatingReason', reason, 'backdatingReason'),
  problem,
  h('button', { type: 'submit', 'data-testid': 'save-rate-card' }, t('save')));
  return form;
}
