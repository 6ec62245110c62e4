// The console's shell: sign-in, the language switch, and the sections a user's roles open. The token lives in
// sessionStorage only (gone when the tab closes, never in a URL or a cookie the server would log).
import { call, ApiError, SignedOut } from './api.js';
import { h, problemLine, replace } from './dom.js';
import { setLanguage, language, named, t } from './texts.js';
import { departmentSections } from './department.js';
import { platformSections } from './platform.js';
import { financeSections } from './finance.js';

const TokenKey = 'broker.token';
const LanguageKey = 'broker.lang';

const session = { token: sessionStorage.getItem(TokenKey), me: null, lang: 'zh-CN' };
const main = document.getElementById('main');

function sectionsFor(me) {
  return [...departmentSections(me), ...platformSections(me), ...financeSections(me)];
}

function label() {
  for (const element of document.querySelectorAll('[data-text]')) {
    element.textContent = t(element.dataset.text);
  }
  document.getElementById('lang').textContent = t('otherLanguage');
}

async function render(signInMessage) {
  label();
  const signOut = document.getElementById('sign-out');
  const who = document.getElementById('who');
  const tabs = document.getElementById('tabs');
  if (!session.me) {
    signOut.hidden = true;
    replace(who);
    replace(tabs);
    showSignIn(signInMessage);
    return;
  }

  signOut.hidden = false;
  const me = session.me;
  replace(who, h('span', { 'data-testid': 'who' }, me.name ?? me.subject), ' · ', me.roles.map((role) => named('role', role)).join(', '),
    me.department ? ` · ${me.department}` : '');
  const sections = sectionsFor(me);
  if (sections.length === 0) {
    replace(tabs);
    replace(main, h('p', { class: 'notice' }, t('noSections')));
    return;
  }

  const wanted = location.hash.replace(/^#\//, '');
  const section = sections.find((s) => s.id === wanted) ?? sections[0];
  replace(tabs, sections.map((s) => h('a', {
    href: `#/${s.id}`, 'data-testid': `tab-${s.id}`, 'aria-current': s === section ? 'page' : false,
  }, t(s.id))));
  // Each render draws into a view of its own: when the user moves on before a page has loaded, the slow page finishes
  // into a view no longer on screen instead of over the page the user went to.
  const view = h('div', { class: 'view' }, h('p', { class: 'muted' }, t('loading')));
  replace(main, view);
  try {
    await section.render(session, view);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return; // the api module has announced it; forget() below takes the user back to sign-in
    }
    replace(view, h('p', { class: 'error', role: 'alert' }, t('failed', error.message)));
  }
}

function showSignIn(message) {
  const input = h('textarea', { id: 'token-input', rows: 4, autocomplete: 'off', spellcheck: 'false', 'aria-label': t('token') });
  const problem = problemLine('sign-in-error');
  replace(problem, message ?? '');
  const form = h('form', { novalidate: true, class: 'card sign-in', onsubmit: (event) => {
    event.preventDefault();
    signIn(input.value.trim());
  } },
  h('h1', {}, t('signIn')),
  h('p', { class: 'muted' }, t('signInHelp')),
  h('label', { for: 'token-input' }, t('token')),
  input,
  problem,
  h('button', { type: 'submit', 'data-testid': 'sign-in' }, t('signIn')));
  replace(main, form);
  input.focus();
}

async function signIn(token) {
  session.token = token;
  try {
    session.me = await call(session, '/api/me');
    sessionStorage.setItem(TokenKey, token);
  } catch (error) {
    session.token = null;
    session.me = null;
    showSignIn(error instanceof ApiError && error.status === 401 ? t('tokenRejected') : t('failed', error.message));
    return;
  }
  await render();
}

function forget(message) {
  sessionStorage.removeItem(TokenKey);
  session.token = null;
  session.me = null;
  history.replaceState(null, '', location.pathname);
  render(message);
}

async function start() {
  setLanguage(localStorage.getItem(LanguageKey) ?? 'zh-CN');
  session.lang = language();
  document.getElementById('lang').addEventListener('click', () => {
    setLanguage(language() === 'en' ? 'zh-CN' : 'en');
    session.lang = language();
    localStorage.setItem(LanguageKey, session.lang);
    render();
  });
  document.getElementById('sign-out').addEventListener('click', () => forget());
  // Any call refused for the token (expired, revoked) ends the session, wherever in the console it was made.
  window.addEventListener(SignedOut, () => {
    if (session.me) {
      forget(t('sessionEnded'));
    }
  });
  window.addEventListener('hashchange', render);
  if (session.token) {
    await signIn(session.token);
  } else {
    await render();
  }
}

start();
