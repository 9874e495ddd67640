import { SipParseError, type IncomingRequest } from '../message/index.js';
import type { DialogId } from '../dialog/index.js';
import type { Session } from '../session/session.js';

/**
 * What an INVITE with Replaces (RFC 3891 §3) may take over, or the status that refuses it:
 *
 * - 400: more than one Replaces, or one that cannot be read.
 * - 481: no dialog of ours matches, or it is an early dialog we did not initiate (a call ringing
 *   here cannot be picked up from here; its caller is asked instead), which stays as it is.
 * - 603: the matched call has already ended (SHOULD).
 * - 486: `early-only` names a call that is no longer early (the §7.1 race: answered meanwhile).
 * - The session: a confirmed call (attended transfer; it gets BYE), or an early call we made (call
 *   pickup: the new INVITE is answered and the replaced one cancelled).
 *
 * To-tag is our local tag and from-tag the far end's, as the INVITE's receiver sees the dialog.
 *
 * @example const verdict = replacedCall(invite, (id) => registry.byDialog(id));
 */
export function replacedCall(
  invite: IncomingRequest,
  find: (id: DialogId) => Session | undefined,
): Session | 400 | 481 | 486 | 603 {
  if (invite.headers('replaces').length > 1) return 400;
  let replaces;
  try {
    replaces = invite.parsed('replaces');
  } catch (error) {
    if (error instanceof SipParseError) return 400;
    throw error;
  }
  if (replaces === undefined) return 400;
  const session = find({
    callId: replaces.callId,
    localTag: replaces.toTag,
    remoteTag: replaces.fromTag,
  });
  if (session === undefined) return 481;
  if (session.isEnded()) return 603;
  if (session.isEstablished()) return replaces.earlyOnly ? 486 : session;
  return session.direction === 'outgoing' ? session : 481;
}
