// Form plumbing shared by the console's forms: a labelled control with a slot for its field's message, and the
// API's refusal spread over those slots (problem+json `errors` are keyed by the request's JSON field names). Forms
// are `novalidate`: the API is the one validator, so every refusal reads the same, in the user's language, by field.
import { ApiError } from './api.js';
import { h, replace } from './dom.js';
import { thisMonth } from './format.js';
import { t } from './texts.js';

export function field(name, control, label = name) {
  return h('div', { class: 'field' },
    h('label', { for: control.id }, t(label)),
    control,
    h('span', { class: 'field-error', 'data-error-for': name }));
}

export function clearErrors(form, problem) {
  replace(problem);
  for (const slot of form.querySelectorAll('[data-error-for]')) {
    replace(slot);
  }
}

/** Shows an API refusal: its detail in <problem>, each field's messages beside the field. Rethrows anything else. */
export function showRefusal(form, problem, error) {
  if (!(error instanceof ApiError)) {
    throw error;
  }
  replace(problem, error.message);
  for (const [name, messages] of Object.entries(error.fields)) {
    // An item of a list field (vm.images[1], slaTiers[0]) has its message shown beside the list.
    const slot = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`)
      ?? form.querySelector(`[data-error-for="${CSS.escape(name.replace(/\[\d+\]$/, ''))}"]`);
    if (slot) {
      slot.append(slot.textContent ? ' ' : '', messages.join(' '));
    }
  }
}

/**
 * A form's submit handler: keeps the browser from submitting, clears the form's messages and runs <work>; an API
 * refusal on the way is shown on the form, each field's message beside its field.
 */
export function submitted(problem, work) {
  return async (event) => {
    event.preventDefault();
    // Read before the first await: the event's currentTarget is only set while it is dispatched.
    const form = event.currentTarget;
    clearErrors(form, problem);
    try {
      await work();
    } catch (error) {
      showRefusal(form, problem, error);
    }
  };
}

/** An input's number, or null when it is empty (the API then names the field as required). */
export function numberOrNull(input) {
  return input.value === '' ? null : Number(input.value);
}

/** An input's text without surrounding spaces, or null when nothing is left. */
export function textOrNull(input) {
  return input.value.trim() === '' ? null : input.value.trim();
}

export function select(id, name, options) {
  return h('select', { id, name }, options.map(([value, label]) => h('option', { value }, label)));
}

/**
 * The month picker of the statement and budget pages: a month input (this month in Asia/Shanghai to start) whose form
 * runs <show> when submitted, with <extras> (export buttons) beside its button.
 */
export function monthForm(id, show, ...extras) {
  const month = h('input', { type: 'month', id, value: thisMonth(), 'aria-label': t('month') });
  const form = h('form', { novalidate: true, class: 'inline', onsubmit: (event) => {
    event.preventDefault();
    show();
  } }, h('label', { for: id }, t('month')), month, h('button', { type: 'submit' }, t('show')), extras);
  return { month, form };
}
