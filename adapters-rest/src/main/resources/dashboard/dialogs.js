// Modal dialogs: opened with showModal(), focus moved into them, and given back to whatever opened
// them when they close (or, if the list was drawn anew meanwhile, to its new copy).

import { byId, fill, el } from './dom.js';

const returns = new WeakMap();
let fallback = () => null;

/** Where the focus goes when a dialog's opener is no longer there to take it back. */
export function setFocusFallback(answer) {
  fallback = answer;
}

function canTakeFocus(element) {
  return element && element.isConnected && element.getClientRects().length > 0;
}

/**
 * Opens {@code dialog}; {@code focusTarget} gets the focus; {@code giveFocusBack} answers the
 * element to focus after closing (evaluated then, since the page may have changed).
 */
export function openDialog(dialog, focusTarget, giveFocusBack) {
  returns.set(dialog, giveFocusBack);
  dialog.showModal();
  (focusTarget || dialog).focus();
}

export function closeDialog(dialog) {
  if (dialog.open) {
    dialog.close();
  }
}

/** Wires every dialog: its [data-close] buttons close it; closing gives the focus back. */
export function wireDialogs() {
  for (const dialog of document.querySelectorAll('dialog')) {
    dialog.addEventListener('close', () => {
      const back = returns.get(dialog);
      returns.delete(dialog);
      const target = typeof back === 'function' ? back() : null;
      if (canTakeFocus(target)) {
        target.focus();
      } else {
        const other = fallback();
        if (canTakeFocus(other)) {
          other.focus();
        }
      }
    });
    for (const button of dialog.querySelectorAll('[data-close]')) {
      button.addEventListener('click', () => closeDialog(dialog));
    }
  }
  wireSecretDialog();
}

// The secret is held only while its dialog is open: in the read-only field, nowhere else. Since it
// is shown once only, Escape does not close it (one stray key press would lose it for good): only
// its explicit button does, and Escape moves the focus there.
function wireSecretDialog() {
  const dialog = byId('secret-dialog');
  const field = byId('secret-value');
  const status = byId('secret-copy-status');
  const done = byId('secret-done');
  const keepOpen = (event) => {
    event.preventDefault();
    done.focus();
    fill(byId('secret-close-hint'), 'The token is not shown again: close this with “I have copied it, close” once you have copied it.');
  };
  // Escape's keydown, prevented, makes no close request; a cancel event (another close request)
  // is refused too.
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      keepOpen(event);
    }
  });
  dialog.addEventListener('cancel', keepOpen);
  byId('secret-copy').addEventListener('click', async () => {
    field.focus();
    field.select();
    try {
      if (!navigator.clipboard || !window.isSecureContext) {
        throw new Error('no clipboard');
      }
      await navigator.clipboard.writeText(field.value);
      fill(status, 'Copied to the clipboard.');
    } catch (refused) {
      // The text stays selected: the reader copies it with the keyboard.
      field.select();
      fill(status, 'Copying was not allowed here: the token is selected, press Ctrl+C (⌘C on a Mac) to copy it.');
    }
  });
  field.addEventListener('focus', () => field.select());
  dialog.addEventListener('close', () => {
    field.value = '';
    status.replaceChildren();
    byId('secret-close-hint').replaceChildren();
    byId('secret-for').replaceChildren();
    byId('secret-usage').replaceChildren();
  });
}

/** Shows a new secret once: after creation or rotation. */
export function showSecret({ secret, token, rotated, giveFocusBack }) {
  byId('secret-title').textContent = rotated ? 'The new secret of your token' : 'Your new token';
  fill(
    byId('secret-for'),
    rotated ? 'Rotated: ' : 'Created: ',
    el('strong', {}, token.name),
    ` (${token.kind === 'INTEGRATION' ? 'integration token' : 'API token'}, ends in …${token.hint})`,
  );
  fill(
    byId('secret-usage'),
    token.kind === 'INTEGRATION'
      ? 'Paste it into the integration plugin’s license settings.'
      : 'For the CLI put it as "token" in rpd_account.json; for the API or scripts, in credentials.json.',
  );
  const field = byId('secret-value');
  field.value = secret;
  openDialog(byId('secret-dialog'), field, giveFocusBack);
  field.select();
}
