// The audit log: the account's events newest first, a page at a time ("Older" follows `next`).

import { api } from './api.js';
import { byId, el, fill, timeEl, problemNodes, EVENT_WORDS, detailWords, wordFor } from './dom.js';

const PAGE_SIZE = 20;
let next = null;

export function wireAudit(ctx) {
  byId('audit-older').addEventListener('click', () => loadPage(ctx, false));
}

/** Shows the newest page, the list drawn anew. */
export function loadAudit(ctx) {
  next = null;
  byId('audit-list').replaceChildren();
  return loadPage(ctx, true);
}

async function loadPage(ctx, first) {
  const older = byId('audit-older');
  const errors = byId('audit-error');
  older.disabled = true;
  errors.replaceChildren();
  try {
    const page = await api.auditEvents(PAGE_SIZE, first ? null : next);
    const list = byId('audit-list');
    const firstNew = list.children.length;
    list.append(...page.events.map((event) => row(event, ctx)));
    next = page.next;
    older.hidden = !next;
    byId('audit-empty').hidden = list.children.length > 0;
    byId('audit-table').hidden = list.children.length === 0;
    if (!first && list.children[firstNew]) {
      // keyboard readers go on where the new rows start
      list.children[firstNew].focus();
    }
  } catch (error) {
    if (!ctx.handleSessionLoss(error)) {
      fill(errors, problemNodes(error, ctx.account));
    }
  } finally {
    older.disabled = false;
  }
}

function row(event, ctx) {
  const tokenName = event.tokenId ? ctx.tokenName(event.tokenId) : null;
  return el(
    'tr',
    { testid: 'audit-row', 'data-type': event.type, 'data-event-id': event.id, tabindex: '-1' },
    el('td', { 'data-label': 'Time' }, timeEl(event.at, { seconds: true })),
    el('td', { 'data-label': 'Event', testid: 'audit-type' }, wordFor(EVENT_WORDS, event.type)),
    el(
      'td',
      { 'data-label': 'Token' },
      event.tokenId
        ? [
            tokenName ? el('span', { testid: 'audit-token-name' }, tokenName) : null,
            el('code', { className: 'meta' }, event.tokenId),
          ]
        : '–',
    ),
    el('td', { 'data-label': 'Machine' }, event.machineId ? el('code', {}, event.machineId) : '–'),
    el('td', { 'data-label': 'Detail' }, detailWords(event.detail) || '–'),
  );
}
