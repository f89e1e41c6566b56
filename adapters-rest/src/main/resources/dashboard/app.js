// The dashboard: sign in and out, the account header, and the three pages behind hash routes
// (#tokens, #integrations, #audit). No secret or session value is ever written to storage.

import { api, ApiError, setCsrfToken, forgetSession } from './api.js';
import { wireDialogs, closeDialog, setFocusFallback } from './dialogs.js';
import { byId, fill, fieldMarks, problemNodes, wordFor, PLAN_WORDS, SUBSCRIPTION_WORDS } from './dom.js';
import { wireTokenPages, loadTokens, render } from './tokens.js';
import { wireAudit, loadAudit } from './audit.js';

const ROUTES = new Map([
  ['#tokens', { section: 'api-section', kind: 'API' }],
  ['#integrations', { section: 'integration-section', kind: 'INTEGRATION' }],
  ['#audit', { section: 'audit-section', kind: null }],
]);

let signInMarks = null;

const ctx = {
  account: null,
  tokens: { API: [], INTEGRATION: [] },

  /** A 401 means the session ended: back to the sign-in form. Answers whether it was one. */
  handleSessionLoss(error) {
    if (error instanceof ApiError && error.status === 401) {
      showSignIn('Your session has ended. Sign in again to go on.');
      return true;
    }
    return false;
  },

  /** Reloads the account (limits, next release) and a page's tokens. */
  async refresh(kind) {
    if (await loadAccount()) {
      await loadTokens(kind, ctx);
    }
  },

  tokenName(id) {
    const token = [...ctx.tokens.API, ...ctx.tokens.INTEGRATION].find((t) => t.id === id);
    return token ? token.name : null;
  },
};

/**
 * Reads the account and the session's CSRF token; answers whether it could. On the page's first
 * load a missing session just shows the sign-in form; later it means the session ended.
 */
async function loadAccount({ firstLoad = false } = {}) {
  try {
    const answer = await api.account();
    setCsrfToken(answer.csrfToken);
    delete answer.csrfToken;
    ctx.account = answer;
    renderHeader();
    return true;
  } catch (error) {
    if (firstLoad) {
      showSignIn(null);
      if (!(error instanceof ApiError && error.status === 401)) {
        fill(byId('signin-error'), problemNodes(error));
      }
    } else if (!ctx.handleSessionLoss(error)) {
      fill(byId('page-error'), problemNodes(error));
    }
    return false;
  }
}

function renderHeader() {
  const account = ctx.account;
  byId('account-email').textContent = account.email;
  byId('account-plan').textContent = wordFor(PLAN_WORDS, account.plan);
  byId('account-plan').dataset.plan = account.plan;
  const subscription = byId('account-subscription');
  subscription.textContent = wordFor(SUBSCRIPTION_WORDS, account.subscription);
  subscription.dataset.subscription = account.subscription;
  subscription.className = account.subscription === 'ACTIVE' ? 'pill pill-ok' : 'pill pill-warn';
}

/**
 * Back to the sign-in form, everything of the account cleared from the page. A secret popup stays
 * open: its secret is shown once only, and the reader can still copy it.
 */
function showSignIn(message) {
  forgetSession();
  ctx.account = null;
  ctx.tokens = { API: [], INTEGRATION: [] };
  for (const dialog of document.querySelectorAll('dialog:not(#secret-dialog)')) {
    closeDialog(dialog);
  }
  for (const id of ['api-list', 'integration-list', 'audit-list', 'account-email', 'account-plan', 'account-subscription']) {
    byId(id).replaceChildren();
  }
  byId('app').hidden = true;
  byId('account-bar').hidden = true;
  byId('signin').hidden = false;
  byId('signin-status').replaceChildren();
  const error = byId('signin-error');
  if (message) {
    fill(error, message);
  } else {
    error.replaceChildren();
  }
  signInMarks.clear();
  byId('signin-password').value = '';
  byId('signin-email').focus();
}

async function showApp() {
  byId('signin').hidden = true;
  byId('signin-error').replaceChildren();
  byId('signin-status').replaceChildren();
  byId('account-bar').hidden = false;
  byId('app').hidden = false;
  renderHeader();
  await route();
}

async function route() {
  if (!ctx.account) {
    return;
  }
  const hash = ROUTES.has(location.hash) ? location.hash : '#tokens';
  const target = ROUTES.get(hash);
  for (const [key, { section }] of ROUTES) {
    byId(section).hidden = key !== hash;
    const link = document.querySelector(`nav a[href="${key}"]`);
    if (key === hash) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  byId('page-error').replaceChildren();
  if (target.kind) {
    render(target.kind, ctx);
    await loadTokens(target.kind, ctx);
  } else {
    // token names for the log's rows, then the newest page
    await Promise.all([loadTokens('API', ctx), loadTokens('INTEGRATION', ctx)]);
    await loadAudit(ctx);
  }
  document.body.dataset.ready = hash.slice(1);
}

async function signIn(event) {
  event.preventDefault();
  const form = byId('signin-form');
  const email = byId('signin-email').value.trim();
  const password = byId('signin-password').value;
  const submit = byId('signin-submit');
  submit.disabled = true;
  form.setAttribute('aria-busy', 'true');
  byId('signin-status').replaceChildren();
  signInMarks.clear();
  try {
    const answer = await api.signIn(email, password);
    setCsrfToken(answer.csrfToken);
    ctx.account = answer.account;
    byId('signin-password').value = '';
    await showApp();
    byId('main-heading').focus();
  } catch (error) {
    fill(byId('signin-error'), problemNodes(error));
    const refused = signInMarks.show(error);
    if (refused) {
      refused.focus();
    } else {
      byId('signin-password').select();
    }
  } finally {
    submit.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

async function signOut() {
  try {
    await api.signOut();
  } catch (error) {
    // a session that had ended already is as good as signed out; any other failure is told
    if (!(error instanceof ApiError && error.status === 401)) {
      fill(byId('page-error'), problemNodes(error));
      return;
    }
  }
  showSignIn(null);
  fill(byId('signin-status'), 'You are signed out.');
}

async function start() {
  wireDialogs();
  // a dialog whose opener is gone (the session ended meanwhile) gives the focus to the sign-in form
  setFocusFallback(() => (byId('signin').hidden ? byId('main') : byId('signin-email')));
  wireTokenPages(ctx);
  wireAudit(ctx);
  signInMarks = fieldMarks(byId('signin-error'), { email: 'signin-email', password: 'signin-password' });
  byId('signin-form').addEventListener('submit', signIn);
  byId('signout').addEventListener('click', signOut);
  window.addEventListener('hashchange', () => {
    route();
  });
  if (await loadAccount({ firstLoad: true })) {
    await showApp();
  }
  document.body.dataset.started = 'true';
}

start();
