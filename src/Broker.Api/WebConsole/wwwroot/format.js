// Numbers, money and times as the user's language writes them. Month boundaries are Asia/Shanghai, as in billing.
import { h } from './dom.js';
import { language, named, t } from './texts.js';

export function money(amount) {
  return new Intl.NumberFormat(language(), { style: 'currency', currency: 'CNY' }).format(amount);
}

export function number(value) {
  return new Intl.NumberFormat(language(), { maximumFractionDigits: 6 }).format(value);
}

export function percent(ratio) {
  return new Intl.NumberFormat(language(), { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

export function dateTime(iso) {
  return new Intl.DateTimeFormat(language(), { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(iso));
}

/** This month in Asia/Shanghai as yyyy-MM, the form statements are addressed by. */
export function thisMonth() {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).formatToParts(new Date());
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part('year')}-${part('month')}`;
}

/** A quota vector such as { vcpu: 4, memory_gib: 16 } in words. */
export function vector(values) {
  return Object.entries(values ?? {}).map(([dimension, amount]) => `${named('dim', dimension)} ${number(amount)}`).join(' · ');
}

/** A state as a coloured badge, with the code kept for tests and styling; <words> names the states' vocabulary. */
export function stateBadge(state, words = 'state') {
  return h('span', { class: `badge state-${state}`, 'data-state': state }, named(words, state));
}

/** The label every resource and pool of the simulated machine room carries. */
export function simulatedBadge() {
  return h('span', { class: 'badge simulated', 'data-testid': 'simulated-badge', title: t('simulatedHelp') }, t('simulated'));
}
