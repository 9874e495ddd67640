import type { DialogParticipant } from '../event-packages/dialog-info.js';
import { InvalidOptionError } from '../ua/invalid-option-error.js';
import type { UA } from '../ua/ua.js';
import type { CallOptions } from './session-options.js';
import type { Session } from './session.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * The ringing call to pick up, as the watched user's dialog-info (RFC 4235 §4.1.2) reports it:
 * its Call-ID, the watched user's tag (`localTag`), the caller's tag (`remoteTag`) and the
 * caller (`remote`). A `DialogInfoEntry`, e.g. a ringing busy lamp's `dialog`, is one.
 *
 * @example const dialog: PickupDialog = { callId: 'a84b4c76e66710', localTag: 'b1', remoteTag: 'a1', remote: { identity: 'sip:alice@example.com', displayName: undefined, target: undefined } };
 */
export interface PickupDialog {
  readonly callId: string | undefined;
  readonly localTag: string | undefined;
  readonly remoteTag: string | undefined;
  readonly remote?: DialogParticipant | undefined;
}

/** Options of `pickup()`: those of a call, and where to send the INVITE. */
export interface PickupOptions extends CallOptions {
  /**
   * Where the INVITE goes; default the caller (the dialog's `<remote>` identity, else its
   * target). A PBX that answers pickups itself may want the watched user's URI.
   */
  readonly target?: string;
}

// RFC 3261 §25.1: a tag is a token; a Call-ID is word ["@" word].
const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const CALL_ID =
  /^[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+(@[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+)?$/;

/**
 * The INVITE of a pickup without sending it: where it goes and the call options carrying its
 * `Replaces` (see `pickup()`), for code that places calls its own way (e.g. React's
 * `actions.call`, which adds the chosen devices). Throws `InvalidOptionError` as `pickup()` does.
 *
 * @example const { target, options } = pickupInvite(lamp.dialog); actions.call(target, options);
 */
export function pickupInvite(
  dialog: PickupDialog,
  options: PickupOptions = {},
): { readonly target: string; readonly options: CallOptions } {
  const { callId, localTag, remoteTag, remote } = dialog;
  if (
    callId === undefined ||
    localTag === undefined ||
    remoteTag === undefined ||
    !CALL_ID.test(callId) ||
    !TOKEN.test(localTag) ||
    !TOKEN.test(remoteTag)
  ) {
    throw new InvalidOptionError(
      'dialog',
      DEV
        ? 'needs the call-id, local-tag and remote-tag of the ringing dialog (RFC 4235 dialog-info)'
        : 'session.pickup-dialog-incomplete',
    );
  }
  const { target: explicit, extraHeaders = [], ...callOptions } = options;
  const target = explicit ?? remote?.identity ?? remote?.target;
  if (target === undefined || target.trim() === '') {
    throw new InvalidOptionError(
      'target',
      DEV
        ? 'the dialog does not name the caller (<remote>): pass the URI to send the pickup to'
        : 'session.pickup-no-target',
    );
  }
  // RFC 3891 §6.1: to-tag and from-tag as the receiver (the caller) sees its dialog.
  const replaces = `${callId};to-tag=${remoteTag};from-tag=${localTag};early-only`;
  return {
    target,
    options: {
      ...callOptions,
      extraHeaders: [...extraHeaders, `Replaces: ${replaces}`, 'Require: replaces'],
    },
  };
}

/**
 * Picks up a call ringing at a colleague (RFC 3891 call pickup, with the dialog from RFC 4235
 * dialog-info): an INVITE to the caller with `Replaces: call-id;to-tag=<caller's tag>;
 * from-tag=<colleague's tag>;early-only` and `Require: replaces`. The caller's UA answers it and
 * cancels its INVITE to the colleague, whose phone stops ringing (RFC 3891 §3: the early dialog
 * is replaced by the UA that made it); `early-only` makes it fail with 486 instead of taking
 * over a call the colleague answered meanwhile (§7.1). Returns the new session, as `ua.call()`
 * does. Throws `InvalidOptionError` when the dialog lacks its ids (`dialog`) or names no caller
 * and no `target` is given (`target`). Imported on its own, so an app that never picks up pays
 * nothing for it.
 *
 * @example
 * const lamp = busyLampOf(parseDialogInfo(body));
 * if (lamp.state === 'ringing') pickup(ua, lamp.dialog, { mediaConstraints: { audio: true, video: false } });
 */
export function pickup(ua: UA, dialog: PickupDialog, options: PickupOptions = {}): Session {
  const invite = pickupInvite(dialog, options);
  return ua.call(invite.target, invite.options);
}
