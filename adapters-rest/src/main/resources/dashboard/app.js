// The dashboard: sign in and out, the account header, and the three pages behind hash routes
// (#tokens, #integrations, #audit). No secret or session value is ever written to storage.

import { api, ApiError, setCsrfToken, forgetSession } from './api.js';
import { wireDialogs, closeDialog } from './dialogs.js';
import { byId, fill, problemNodes, PLAN_WORDS, SUBSCRIPTION_WORDS } from './dom.js';
import { wireTokenPages, loadTokens, render } from './tokens.js';
import { wireAudit, loadAudit } from './audit.js';

const ROUTES = {
  '#tokens': { section: 'api-section', kind: 'API' },
  '#integrations': { section: 'integration-section', kind: 'INTEGRATION' },
  '#audit': { section: 'audit-section', kind: null },
};

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
    await loadAccount();
    if (ctx.account) {
      await loadTokens(kind, ctx);
    }
  },

  tokenName(id) {
    const token = [...ctx.tokens.API, ...ctx.tokens.INTEGRATION].find((t) => t.id === id);
    return token ? token.name : null;
  },
};

async function loadAccount() {
  try {
    const answer = await api.account();
    setCsrfToken(answer.csrfToken);
    delete answer.csrfToken;
    ctx.account = answer;
    renderHeader();
  } catch (error) {
    if (!ctx.handleSessionLoss(error)) {
      fill(byId('page-error'), problemNodes(error));
    }
  }
}

function renderHeader() {
  const account = ctx.account;
  byId('account-email').textContent = account.email;
  byId('account-plan').textContent = PLAN_WORDS[account.plan] || account.plan;
  byId('account-plan').dataset.plan = account.plan;
  const subscription = byId('account-subscription');
  subscription.textContent = SUBSCRIPTION_WORDS[account.subscription] || account.subscription;
  subscription.dataset.subscription = account.subscription;
  subscription.className = account.subscription === 'ACTIVE' ? 'pill pill-ok' : 'pill pill-warn';
}

function showSignIn(message) {
  forgetSession();
  ctx.account = null;
  ctx.tokens = { API: [], INTEGRATION: [] };
  for (const dialog of document.querySelectorAll('dialog')) {
    closeDialog(dialog);
  }
  for (const id of ['api-list', 'integration-list', 'audit-list', 'account-email', 'account-plan', 'account-subscription']) {
    byId(id).replaceChildren();
  }
  byId('app').hidden = true;
  byId('account-bar').hidden = true;
  byId('signin').hidden = false;
  const error = byId('signin-error');
  if (message) {
    fill(error, message);
  } else {
    error.replaceChildren();
  }
  byId('signin-password').value = '';
  byId('signin-email').focus();
}

async function showApp() {
  byId('signin').hidden = true;
  byId('signin-error').replaceChildren();
  byId('account-bar').hidden = false;
  byId('app').hidden = false;
  renderHeader();
  await route();
}

async function route() {
  if (!ctx.account) {
    return;
  }
  const hash = ROUTES[location.hash] ? location.hash : '#tokens';
  const target = ROUTES[hash];
  for (const [key, { section }] of Object.entries(ROUTES)) {
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
  try {
    const answer = await api.signIn(email, password);
    setCsrfToken(answer.csrfToken);
    ctx.account = answer.account;
    byId('signin-password').value = '';
    await showApp();
    byId('main-heading').focus();
  } catch (error) {
    fill(byId('signin-error'), problemNodes(error));
    byId('signin-password').select();
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
  wireTokenPages(ctx);
  wireAudit(ctx);
  byId('signin-form').addEventListener('submit', signIn);
  byId('signout').addEventListener('click', signOut);
  window.addEventListener('hashchange', () => {
    route();
  });
  try {
    const answer = await api.account();
    setCsrfToken(answer.csrfToken);
    delete answer.csrfToken;
    ctx.account = answer;
    await showApp();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      showSignIn(null);
    } else {
      showSignIn(null);
      fill(byId('signin-error'), problemNodes(error));
    }
  }
  document.body.dataset.started = 'true';
}

start();
