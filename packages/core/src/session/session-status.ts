/**
 * Where a call is, as one explicit state (never a set of booleans that can disagree).
 *
 * Outgoing: `connecting` (INVITE sent) -> `ringing` (180) / `early` (18x with SDP: early media)
 * -> `answered` (2xx received) -> `confirmed` (ACK sent).
 * Incoming: `ringing` (INVITE received, not answered yet) -> `answered` (2xx sent) -> `confirmed`
 * (ACK received). Either ends in `terminated`.
 */
export type SessionStatus =
  'connecting' | 'ringing' | 'early' | 'answered' | 'confirmed' | 'terminated';

/** Which side started the call. */
export type SessionDirection = 'outgoing' | 'incoming';

const NEXT: Readonly<Record<SessionStatus, readonly SessionStatus[]>> = {
  connecting: ['ringing', 'early', 'answered', 'terminated'],
  ringing: ['ringing', 'early', 'answered', 'terminated'],
  early: ['ringing', 'early', 'answered', 'terminated'],
  answered: ['confirmed', 'terminated'],
  confirmed: ['terminated'],
  terminated: [],
};

/** True when a call may move from `from` to `to`. */
export function canTransition(from: SessionStatus, to: SessionStatus): boolean {
  return NEXT[from].includes(to);
}

/** True while the call has not been answered (CANCEL territory, RFC 3261 §9). */
export function isPreAnswer(status: SessionStatus): boolean {
  return status === 'connecting' || status === 'ringing' || status === 'early';
}

/** True once the call was answered and until it ends (BYE territory, RFC 3261 §15). */
export function isEstablished(status: SessionStatus): boolean {
  return status === 'answered' || status === 'confirmed';
}
