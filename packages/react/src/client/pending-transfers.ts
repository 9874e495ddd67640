import type { IncomingReferEvent, Session } from '@sipkit/core';

/**
 * REFERs the far end sent us (RFC 3515) that wait for the user, by session. They hold live
 * callbacks, so they live here and not in the store; the store shows `transferRequest` only.
 */
const pending = new WeakMap<Session, IncomingReferEvent>();

/** Keeps `refer` until `takeTransferRequest` hands it to an action. */
export function holdTransferRequest(session: Session, refer: IncomingReferEvent): void {
  pending.get(session)?.reject();
  pending.set(session, refer);
}

/** The REFER waiting on `session`, removed from the waiting list. */
export function takeTransferRequest(session: Session): IncomingReferEvent | undefined {
  const refer = pending.get(session);
  pending.delete(session);
  return refer;
}
