// The two token pages: Auth Tokens (kind API) and Integration seats (kind INTEGRATION). Each has
// the create form, the list with status and seat, and the actions revoke, rotate, release.

import { api } from './api.js';
import { openDialog, closeDialog, showSecret } from './dialogs.js';
import {
  byId,
  el,
  fieldMarks,
  fill,
  timeEl,
  problemNodes,
  creationRefusalWords,
  STATUS_WORDS,
  wordFor,
} from './dom.js';

const PREFIX = { API: 'api', INTEGRATION: 'integration' };
const DAY_MS = 24 * 60 * 60 * 1000;

/** The action under way in a dialog: which token, of which page. */
let pending = null;

/** Per page, the create form's fields a refusal can mark invalid. */
const createMarks = {};

/** Wires both pages' forms and the shared action dialogs, once. */
export function wireTokenPages(ctx) {
  for (const kind of Object.keys(PREFIX)) {
    const p = PREFIX[kind];
    createMarks[kind] = fieldMarks(byId(`${p}-create-error`), {
      name: `${p}-name`,
      assignee: `${p}-assignee`,
      expiresAt: `${p}-expiry`,
    });
    byId(`${PREFIX[kind]}-create-form`).addEventListener('submit', (event) => {
      event.preventDefault();
      create(kind, ctx);
    });
  }
  byId('revoke-form').addEventListener('submit', (event) => {
    event.preventDefault();
    confirmRevoke(ctx);
  });
  byId('rotate-form').addEventListener('submit', (event) => {
    event.preventDefault();
    confirmRotate(ctx);
  });
  byId('release-form').addEventListener('submit', (event) => {
    event.preventDefault();
    confirmRelease(ctx);
  });
  for (const id of ['revoke-dialog', 'rotate-dialog', 'release-dialog']) {
    byId(id).addEventListener('close', () => {
      pending = null;
    });
  }
}

/** Loads a page's tokens and draws the page. */
export async function loadTokens(kind, ctx) {
  const p = PREFIX[kind];
  try {
    const answer = await api.tokens(kind);
    ctx.tokens[kind] = answer.tokens;
    byId(`${p}-list-error`).replaceChildren();
  } catch (error) {
    if (!ctx.handleSessionLoss(error)) {
      fill(byId(`${p}-list-error`), problemNodes(error, ctx.account));
    }
  }
  render(kind, ctx);
}

/** Draws a page from what the context holds: the account's limits, the list. */
export function render(kind, ctx) {
  const p = PREFIX[kind];
  const account = ctx.account;
  if (!account) {
    return;
  }
  const eligibility = byId(`${p}-eligibility`);
  if (account.canCreateTokens) {
    eligibility.hidden = true;
    eligibility.replaceChildren();
  } else {
    fill(
      eligibility,
      el('strong', {}, 'You cannot create tokens. '),
      creationRefusalWords(account.tokenCreationRefusal, account),
    );
    eligibility.hidden = false;
  }
  byId(`${p}-create-fields`).disabled = !account.canCreateTokens;
  renderReleaseInfo(byId(`${p}-release-info`), account);
  if (kind === 'INTEGRATION') {
    renderSlots(account);
  }
  renderList(kind, ctx);
}

function renderReleaseInfo(target, account) {
  const release = account.seatRelease;
  const allowance = `You can release ${release.limit === 1 ? 'one seat' : `${release.limit} seats`} every ${release.windowHours} hours; seats also free themselves after 14 days without use. `;
  const next = release.nextReleaseAt
    ? el('span', { testid: 'next-release' }, 'Next release allowed: ', timeEl(release.nextReleaseAt), '.')
    : el('span', { testid: 'next-release' }, 'Next release allowed: now.');
  fill(target, allowance, next);
}

function renderSlots(account) {
  const used = account.integrationTokensInUse;
  const limit = account.integrationTokenLimit;
  fill(byId('integration-slots-count'), `${used} / ${limit}`);
  const full = byId('integration-slots-full');
  if (account.canCreateTokens && used >= limit) {
    fill(
      full,
      limit === 0
        ? 'Your license includes no integration slots.'
        : 'All integration slots are in use: revoke an integration token to free a slot.',
    );
    full.hidden = false;
  } else {
    full.hidden = true;
    full.replaceChildren();
  }
}

function renderList(kind, ctx) {
  const p = PREFIX[kind];
  const tokens = ctx.tokens[kind] || [];
  const body = byId(`${p}-list`);
  // a list drawn anew keeps the reader's place: the same button of the same token, else the heading
  const active = document.activeElement;
  const focused = body.contains(active) && active.closest('tr')
    ? focusBack(kind, active.closest('tr').dataset.tokenId, active.dataset.action)
    : null;
  fill(body, tokens.map((token) => row(kind, token, ctx)));
  byId(`${p}-table`).hidden = tokens.length === 0;
  byId(`${p}-empty`).hidden = tokens.length > 0;
  if (focused) {
    focused().focus();
  }
}

function row(kind, token, ctx) {
  const tr = el('tr', { testid: 'token-row', 'data-token-id': token.id, 'data-status': token.status });
  tr.append(
    el('th', { scope: 'row', 'data-label': 'Token', className: 'cell-name' }, nameCell(token)),
    el('td', { 'data-label': 'Status' }, statusCell(token)),
    el('td', { 'data-label': 'Last use', testid: 'token-last-use' }, lastUseCell(token)),
    el('td', { 'data-label': 'Seat', testid: 'token-seat' }, seatCell(token)),
    el('td', { 'data-label': 'Actions', className: 'cell-actions' }, actions(kind, token, ctx)),
  );
  return tr;
}

function nameCell(token) {
  const lines = [
    el(
      'span',
      { className: 'token-title' },
      el('span', { className: 'token-name', testid: 'token-name' }, token.name),
      ' ',
      el('span', { className: 'hint', testid: 'token-hint', title: 'the last 4 characters of the secret' }, `…${token.hint}`),
    ),
  ];
  if (token.assignee) {
    lines.push(el('span', { className: 'meta', testid: 'token-assignee' }, 'For: ', token.assignee));
  }
  lines.push(el('span', { className: 'meta' }, 'Created ', timeEl(token.createdAt)));
  lines.push(
    el(
      'span',
      { className: 'meta', testid: 'token-expiry' },
      token.expiresAt ? ['Expires ', timeEl(token.expiresAt)] : 'Never expires',
    ),
  );
  return lines;
}

const STATUS_MARK = new Map([
  ['IN_RECENT_USE', '●'],
  ['IDLE', '◐'],
  ['NEVER_USED', '○'],
  ['REVOKED', '✕'],
  ['EXPIRED', '◌'],
]);

function statusCell(token) {
  const badge = el(
    'span',
    { className: `badge badge-${token.status.toLowerCase().replace(/_/g, '-')}`, testid: 'token-status' },
    el('span', { 'aria-hidden': 'true', className: 'badge-mark' }, wordFor(STATUS_MARK, token.status, '')),
    ' ',
    wordFor(STATUS_WORDS, token.status),
  );
  const lines = [badge];
  if (token.revokedAt) {
    lines.push(
      el(
        'span',
        { className: 'meta' },
        'Revoked ',
        timeEl(token.revokedAt),
        token.revocationReason === 'LEAKED' ? ' (reported as leaked)' : '',
      ),
    );
  }
  return lines;
}

function lastUseCell(token) {
  if (!token.lastUsedAt) {
    return el('span', { className: 'meta' }, 'Not used yet');
  }
  const use = token.lastUse || {};
  const lines = [el('span', {}, timeEl(token.lastUsedAt))];
  if (use.machineId) {
    lines.push(el('span', { className: 'meta' }, 'Machine ', el('code', { testid: 'last-use-machine' }, use.machineId)));
  }
  if (use.remoteAddress) {
    lines.push(el('span', { className: 'meta' }, 'Address ', el('code', {}, use.remoteAddress)));
  }
  if (use.userAgent) {
    lines.push(el('span', { className: 'meta client' }, 'Client ', el('code', {}, use.userAgent)));
  }
  return lines;
}

function seatCell(token) {
  const seat = token.seat;
  if (!seat || seat.state !== 'ASSIGNED') {
    return el('span', { testid: 'seat-state', 'data-state': 'FREE' }, 'Free');
  }
  return [
    el('span', { testid: 'seat-state', 'data-state': 'ASSIGNED' }, 'Assigned to ', el('code', { testid: 'seat-machine' }, seat.machineId)),
    el('span', { className: 'meta' }, 'Since ', timeEl(seat.assignedAt)),
    seat.lastActivityAt ? el('span', { className: 'meta' }, 'Last activity ', timeEl(seat.lastActivityAt)) : null,
    el('span', { className: 'meta' }, 'Auto-release ', timeEl(seat.autoReleaseAt, { testid: 'seat-auto-release' })),
  ];
}

function actions(kind, token, ctx) {
  if (token.status === 'REVOKED') {
    return el('span', { className: 'meta' }, 'No actions: revocation is final.');
  }
  const named = (verb) => [verb, el('span', { className: 'visually-hidden' }, ` “${token.name}”`)];
  const buttons = [
    button('rotate', named('Rotate'), () => openRotate(kind, token)),
  ];
  if (token.seat && token.seat.state === 'ASSIGNED') {
    buttons.push(button('release', named('Release seat'), () => openRelease(kind, token, ctx)));
  }
  buttons.push(button('revoke', named('Revoke'), () => openRevoke(kind, token), 'danger'));
  return el('div', { className: 'actions' }, buttons);
}

function button(action, label, onClick, className = '') {
  const b = el('button', { type: 'button', className, 'data-action': action, testid: `action-${action}` }, label);
  b.addEventListener('click', onClick);
  return b;
}

/** After a dialog: the same action's button of the same token if it is still there, else the page. */
function focusBack(kind, tokenId, action) {
  return () => {
    const row = document.querySelector(`#${PREFIX[kind]}-list tr[data-token-id="${CSS.escape(tokenId)}"]`);
    return (row && row.querySelector(`[data-action="${action}"]`)) || byId(`${PREFIX[kind]}-heading`);
  };
}

function setPending(kind, token, dialogId) {
  pending = { kind, token };
  byId(dialogId).querySelector('[role="alert"]').replaceChildren();
}

function openRevoke(kind, token) {
  setPending(kind, token, 'revoke-dialog');
  fill(byId('revoke-name'), token.name);
  openDialog(byId('revoke-dialog'), byId('revoke-cancel'), focusBack(kind, token.id, 'revoke'));
}

function openRotate(kind, token) {
  setPending(kind, token, 'rotate-dialog');
  fill(byId('rotate-name'), token.name);
  byId('grace-0').checked = true;
  openDialog(byId('rotate-dialog'), byId('grace-0'), focusBack(kind, token.id, 'rotate'));
}

function openRelease(kind, token, ctx) {
  setPending(kind, token, 'release-dialog');
  const machine = token.seat.machineId;
  fill(byId('release-name'), token.name);
  fill(byId('release-machine'), machine);
  fill(byId('release-machine-again'), machine);
  fill(byId('release-machine-third'), machine);
  const release = ctx.account.seatRelease;
  fill(byId('release-window'), `${release.windowHours} hours`);
  const seats = release.limit === 1 ? 'one seat' : `${release.limit} seats`;
  // the server names a next release only while one is not allowed now
  const refused = Boolean(release.nextReleaseAt);
  fill(
    byId('release-next'),
    refused
      ? [
          el('strong', {}, 'A release now will be refused until ', timeEl(release.nextReleaseAt, { testid: 'release-next-at' }), '.'),
          ` Your account can release ${seats} every ${release.windowHours} hours.`,
        ]
      : `A release is allowed now. Your account can release ${seats} every ${release.windowHours} hours, so the next one will be allowed ${release.windowHours} hours after this one.`,
  );
  // a release bound to be refused is not the dialog's main action
  byId('release-confirm').className = refused ? 'secondary' : '';
  openDialog(byId('release-dialog'), byId('release-cancel'), focusBack(kind, token.id, 'release'));
}

async function busy(form, work) {
  const controls = form.querySelectorAll('button, input, select');
  for (const control of controls) {
    control.disabled = true;
  }
  form.setAttribute('aria-busy', 'true');
  try {
    await work();
  } finally {
    for (const control of controls) {
      control.disabled = false;
    }
    form.removeAttribute('aria-busy');
  }
}

async function confirmRevoke(ctx) {
  if (!pending) {
    return;
  }
  const { kind, token } = pending;
  await busy(byId('revoke-form'), async () => {
    try {
      await api.revoke(token.id);
      closeDialog(byId('revoke-dialog'));
      announce(kind, `Token “${token.name}” revoked.`);
      await ctx.refresh(kind);
    } catch (error) {
      showDialogProblem('revoke-error', error, ctx);
    }
  });
}

async function confirmRotate(ctx) {
  if (!pending) {
    return;
  }
  const { kind, token } = pending;
  const choice = byId('rotate-form').querySelector('input[name="grace"]:checked');
  const graceMinutes = Number(choice ? choice.value : 0);
  await busy(byId('rotate-form'), async () => {
    try {
      const rotated = await api.rotate(token.id, graceMinutes);
      const secret = rotated.secret;
      delete rotated.secret;
      closeDialog(byId('rotate-dialog'));
      showSecret({ secret, token: rotated, rotated: true, giveFocusBack: focusBack(kind, token.id, 'rotate') });
      announce(
        kind,
        graceMinutes === 0
          ? `Token “${token.name}” rotated: the old secret no longer works.`
          : `Token “${token.name}” rotated: the old secret works for ${graceMinutes === 60 ? '1 more hour' : '24 more hours'}.`,
      );
      await ctx.refresh(kind);
    } catch (error) {
      showDialogProblem('rotate-error', error, ctx);
    }
  });
}

async function confirmRelease(ctx) {
  if (!pending) {
    return;
  }
  const { kind, token } = pending;
  await busy(byId('release-form'), async () => {
    try {
      await api.releaseSeat(token.id);
      closeDialog(byId('release-dialog'));
      announce(kind, `The seat of “${token.name}” was released from ${token.seat.machineId}.`);
      await ctx.refresh(kind);
    } catch (error) {
      if (!showDialogProblem('release-error', error, ctx)) {
        // The refusal may tell what the page did not know yet (a re-activation): draw it anew.
        await ctx.refresh(kind);
      }
    }
  });
}

/** Shows a dialog's refusal; answers whether it was the session's end (the sign-in form shown). */
function showDialogProblem(regionId, error, ctx) {
  if (ctx.handleSessionLoss(error)) {
    return true;
  }
  fill(byId(regionId), problemNodes(error, ctx.account));
  return false;
}

function announce(kind, message) {
  fill(byId(`${PREFIX[kind]}-status`), message);
}

async function create(kind, ctx) {
  const p = PREFIX[kind];
  const form = byId(`${p}-create-form`);
  const errors = byId(`${p}-create-error`);
  errors.replaceChildren();
  createMarks[kind].clear();
  const name = byId(`${p}-name`).value.trim();
  const assignee = byId(`${p}-assignee`).value.trim();
  const days = Number(byId(`${p}-expiry`).value);
  const body = { name, kind };
  if (assignee) {
    body.assignee = assignee;
  }
  if (days > 0) {
    body.expiresAt = new Date(Date.now() + days * DAY_MS).toISOString();
  }
  let refusedField = null;
  await busy(form, async () => {
    try {
      const created = await api.createToken(body);
      const secret = created.secret;
      delete created.secret;
      form.reset();
      showSecret({
        secret,
        token: created,
        rotated: false,
        giveFocusBack: () => byId(`${p}-create`),
      });
      announce(kind, `Token “${created.name}” created.`);
      await ctx.refresh(kind);
    } catch (error) {
      if (!ctx.handleSessionLoss(error)) {
        fill(errors, problemNodes(error, ctx.account));
        refusedField = createMarks[kind].show(error);
        if (error.code === 'PLAN_NOT_ELIGIBLE' || error.code === 'SUBSCRIPTION_INACTIVE' || error.code === 'INTEGRATION_TOKEN_LIMIT_REACHED') {
          // the account changed meanwhile: draw its limits anew
          await ctx.refresh(kind);
        }
      }
    }
  });
  // busy() enabled every control again: an ineligible account keeps its form disabled.
  render(kind, ctx);
  if (refusedField && !refusedField.disabled) {
    // the first field at fault, now that it can take the focus again
    refusedField.focus();
  }
}
