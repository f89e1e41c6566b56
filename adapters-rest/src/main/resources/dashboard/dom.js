// Small DOM helpers and the words the page uses. Data from the API only ever reaches the page as
// text (textContent, attribute values), never as markup: a token named like an HTML tag stays text.

import { ApiError, NetworkError } from './api.js';

/** An element with attributes and children (strings become text nodes). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'className') {
      element.className = value;
    } else if (name === 'testid') {
      element.dataset.testid = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export function byId(id) {
  return document.getElementById(id);
}

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const DATE_TIME_SECONDS = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
});

/** A moment, in the reader's locale, machine-readable in its datetime attribute. */
export function timeEl(iso, { seconds = false, testid = null } = {}) {
  const date = new Date(iso);
  const text = Number.isNaN(date.getTime())
    ? iso
    : (seconds ? DATE_TIME_SECONDS : DATE_TIME).format(date);
  return el('time', { datetime: iso, title: iso, testid }, text);
}

/**
 * A table of words: a Map, so that a code the server sends is only ever looked up among the
 * table's own entries (a code like "constructor" finds nothing, not Object.prototype's).
 */
function table(entries) {
  return new Map(Object.entries(entries));
}

/** The words for {@code code} in {@code words}, else the code itself (else {@code fallback}). */
export function wordFor(words, code, fallback = code) {
  return words.has(code) ? words.get(code) : fallback;
}

export const PLAN_WORDS = table({ STARTER: 'Starter', PRO: 'Pro', ENTERPRISE: 'Enterprise' });
export const SUBSCRIPTION_WORDS = table({ ACTIVE: 'active', LAPSED: 'lapsed' });

export const STATUS_WORDS = table({
  IN_RECENT_USE: 'in recent use',
  IDLE: 'idle',
  NEVER_USED: 'never used',
  REVOKED: 'revoked',
  EXPIRED: 'expired',
});

/** Why an account cannot create tokens, in plain words (R1). */
export function creationRefusalWords(refusal, account) {
  if (refusal === 'PLAN_NOT_ELIGIBLE') {
    const plan = wordFor(PLAN_WORDS, account.plan);
    return `Your ${plan} plan cannot create tokens: Auth Tokens and integration tokens need the Pro plan or higher. Upgrade your plan to create tokens.`;
  }
  if (refusal === 'SUBSCRIPTION_INACTIVE') {
    return 'Your subscription has lapsed, so you cannot create tokens, and your existing tokens do not verify until it is active again (they are not revoked). Renew your subscription to go on.';
  }
  return 'Your account cannot create tokens at the moment.';
}

const FIELD_WORDS = table({
  name: 'Token name',
  assignee: 'Assignee',
  expiresAt: 'Expiry',
  email: 'E-mail',
  password: 'Password',
  graceMinutes: 'Grace period',
});

/**
 * A refusal or failure as words for the reader: the problem's title and detail, with the time a
 * retry is allowed and the fields at fault; never a stack or a raw body.
 */
export function problemNodes(error, account = null) {
  if (error instanceof NetworkError) {
    return [el('p', {}, 'The server could not be reached. Check your connection and try again.')];
  }
  if (!(error instanceof ApiError)) {
    return [el('p', {}, 'Something went wrong in this page. Reload it and try again.')];
  }
  const nodes = [];
  const title = (error.title || `The request was refused (${error.status})`).replace(/\.$/, '');
  nodes.push(el('p', { className: 'problem-title', testid: 'problem-title' }, `${title}.`));
  const explained = explanation(error, account);
  if (explained) {
    nodes.push(el('p', {}, explained));
  } else if (error.detail && error.code !== 'VALIDATION_FAILED') {
    nodes.push(el('p', {}, error.detail));
  }
  if (error.errors.length > 0) {
    nodes.push(
      el(
        'ul',
        { className: 'problem-fields' },
        error.errors.map((fault) =>
          el('li', {}, `${wordFor(FIELD_WORDS, fault.field)}: ${fault.message}`),
        ),
      ),
    );
  }
  if (error.retryAt) {
    nodes.push(
      el(
        'p',
        { testid: 'problem-retry' },
        retryWords(error.code),
        timeEl(error.retryAt, { testid: 'retry-at' }),
        '.',
      ),
    );
  }
  if (error.code) {
    nodes.push(el('p', { className: 'problem-code' }, 'Code: ', el('code', {}, error.code)));
  }
  return nodes;
}

/**
 * The inputs of a form whose fields a refusal may name ({@code inputs}: field name to input id):
 * {@code show(error)} marks the named ones invalid (aria-invalid, described by {@code region}, the
 * form's error region) and answers the first, for the focus (null if none); editing a field, or
 * {@code clear()}, unmarks it.
 */
export function fieldMarks(region, inputs) {
  const fields = Object.entries(inputs).map(([field, id]) => [field, byId(id)]);
  for (const [, input] of fields) {
    input.addEventListener('input', () => unmark(input, region));
  }
  return {
    show(error) {
      const faulty = new Set(error instanceof ApiError ? error.errors.map((fault) => fault.field) : []);
      let first = null;
      for (const [field, input] of fields) {
        if (faulty.has(field)) {
          mark(input, region);
          first = first || input;
        } else {
          unmark(input, region);
        }
      }
      return first;
    },
    clear() {
      for (const [, input] of fields) {
        unmark(input, region);
      }
    },
  };
}

function describedBy(input, region) {
  return (input.getAttribute('aria-describedby') || '')
    .split(/\s+/)
    .filter((id) => id && id !== region.id);
}

function mark(input, region) {
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', [...describedBy(input, region), region.id].join(' '));
}

function unmark(input, region) {
  input.removeAttribute('aria-invalid');
  const rest = describedBy(input, region);
  if (rest.length > 0) {
    input.setAttribute('aria-describedby', rest.join(' '));
  } else {
    input.removeAttribute('aria-describedby');
  }
}

function retryWords(code) {
  if (code === 'SEAT_RELEASE_RATE_LIMITED') {
    return 'The next seat release is allowed at ';
  }
  return 'You can try again at ';
}

function explanation(error, account) {
  switch (error.code) {
    case 'SEAT_RELEASE_RATE_LIMITED': {
      const limit = account ? account.seatRelease.limit : 1;
      const hours = account ? account.seatRelease.windowHours : 24;
      return `Your account can release ${limit === 1 ? 'one seat' : `${limit} seats`} every ${hours} hours, and a re-activation by the released machine counts as a release.`;
    }
    case 'INTEGRATION_TOKEN_LIMIT_REACHED': {
      const limit = account ? account.integrationTokenLimit : null;
      let slots = 'All integration slots of your license are in use.';
      if (limit === 0) {
        slots = 'Your license includes no integration slots.';
      } else if (limit === 1) {
        slots = 'The one integration slot of your license is in use.';
      } else if (limit !== null) {
        slots = `All ${limit} integration slots of your license are in use.`;
      }
      return `${slots} Revoke an integration token to free a slot, or ask for a higher limit.`;
    }
    case 'PLAN_NOT_ELIGIBLE':
    case 'SUBSCRIPTION_INACTIVE':
      return account ? creationRefusalWords(error.code, account) : null;
    case 'TOO_MANY_ATTEMPTS':
      return 'Too many failed sign-ins for this e-mail address: wait, then try again.';
    default:
      return null;
  }
}

export const EVENT_WORDS = table({
  ACCOUNT_CREATED: 'Account created',
  ACCOUNT_CHANGED: 'Account changed',
  TOKEN_CREATED: 'Token created',
  TOKEN_ROTATED: 'Token rotated',
  TOKEN_REVOKED: 'Token revoked',
  SEAT_ASSIGNED: 'Seat assigned',
  SEAT_REACTIVATED: 'Seat re-activated (counts as a release)',
  SEAT_RELEASED: 'Seat released',
  SEAT_RELEASE_REFUSED: 'Seat release refused',
  VERIFICATION_REFUSED: 'Verification refused',
});

const DETAIL_WORDS = table({
  OWNER: 'by the owner',
  LEAKED: 'reported as leaked',
  MANUAL: 'manually',
  AUTO: 'automatically, after inactivity',
  REVOCATION: 'by revocation',
  EXPIRY: 'on expiry',
  SEAT_RELEASE_RATE_LIMITED: 'release rate limit reached',
  API: 'API token',
  INTEGRATION: 'integration token',
});

export function detailWords(detail) {
  if (detail === null || detail === undefined) {
    return '';
  }
  if (DETAIL_WORDS.has(detail)) {
    return DETAIL_WORDS.get(detail);
  }
  if (detail.startsWith('OPERATOR')) {
    return `by an operator${detail.length > 'OPERATOR'.length ? `: ${detail.slice('OPERATOR'.length).replace(/^[\s:]+/, '')}` : ''}`;
  }
  return detail;
}
