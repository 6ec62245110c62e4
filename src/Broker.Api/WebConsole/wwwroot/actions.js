// Actions on listed things (orders, resources) and the approve and reject buttons of an order at one approval level,
// shared by the department's pages and the platform's queue. A refusal from the API (not this user's level, already
// decided, a member's second look at a password) is shown, not thrown.
import { ApiError, call } from './api.js';
import { h, replace } from './dom.js';
import { t } from './texts.js';

/** Runs <work>; an API refusal on the way is shown in <problem> (cleared first) instead of thrown. */
export async function guard(problem, work) {
  replace(problem);
  try {
    await work();
  } catch (error) {
    if (!(error instanceof ApiError)) {
      throw error;
    }
    replace(problem, error.message);
  }
}

/** Runs one action (an API call), then says what happened in <notice> or why not in <problem>, and reloads the list. */
export async function act({ notice, problem, refresh }, done, action) {
  replace(notice);
  await guard(problem, async () => {
    await action();
    replace(notice, done);
  });
  await refresh();
}

/**
 * Whether the signed-in user placed <order> and its waiting level needs someone else (the API would refuse the
 * approval with order.self-approval; the orderer may still reject).
 */
export function ownOrderAwaitingOthers(session, order) {
  const waiting = (order.approvals || []).find((level) => !level.done);
  return order.orderedBy === session.me.subject && waiting !== undefined && waiting.separateFromOrderer !== false;
}

/** <orderPath> is the order's URL without the verb (…/orders/{id} or …/orders/{department}/{id}). */
export function decisionButtons(session, orderPath, order, outputs) {
  const id = order.id;
  return [
    ownOrderAwaitingOthers(session, order)
      ? h('span', { class: 'muted', 'data-testid': `own-order-${id}` }, t('ownOrderNeedsAnother'))
      : h('button', { type: 'button', class: 'small', 'data-testid': `approve-${id}`, onclick: () =>
        act(outputs, t('approved', id), () => call(session, `${orderPath}/approve`, { method: 'POST' })) }, t('approve')),
    h('button', { type: 'button', class: 'small secondary', 'data-testid': `reject-${id}`, onclick: () => {
      const reason = prompt(t('rejectReason', id));
      if (reason !== null) {
        act(outputs, t('rejected', id), () => call(session, `${orderPath}/reject`, { method: 'POST', body: { reason } }));
      }
    } }, t('reject')),
  ];
}
