// The login form every page starts with, built into its <section id="login-screen">: it logs in
// with the API and hands the login to the page, which may answer why it cannot be used here.
import * as api from './api.js';
import { $, element } from './dom.js';
import { t } from './i18n.js';

function translated(tag, key, props = {}) {
  const el = element(tag, { ...props, textContent: t(key) });
  el.dataset.i18n = key;
  return el;
}

/**
 * Fills the login section (texts marked for translatePage; hintKey: the page's own advice) and
 * calls loggedIn(auth) after a login; loggedIn answers a message to show, or nothing.
 */
export function loginForm(hintKey, loggedIn) {
  const error = element('p', { id: 'login-error', className: 'error' });
  error.setAttribute('role', 'alert');
  const username = element('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  username.setAttribute('autocapitalize', 'none');
  const password = element('input', { id: 'password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const form = element('form', { id: 'login-form', noValidate: true },
      translated('label', 'username', { htmlFor: 'username' }), username,
      translated('label', 'password', { htmlFor: 'password' }), password,
      error,
      translated('button', 'loginButton', { type: 'submit', className: 'primary' }));
  $('login-screen').replaceChildren(translated('h2', 'loginTitle', { id: 'login-title' }), translated('p', hintKey), form);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    let auth;
    try {
      auth = await api.login(username.value.trim(), password.value);
    } catch (e) {
      error.textContent = api.loginProblem(e);
      return;
    }
    password.value = '';
    error.textContent = (await loggedIn(auth)) ?? '';
  });
}
