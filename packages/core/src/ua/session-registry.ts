import { dialogKey, type Dialog, type DialogId } from '../dialog/index.js';
import type { IncomingRequest } from '../message/index.js';
import type { InviteServerTransaction } from '../transaction/index.js';
import type { Session } from '../session/session.js';

/**
 * The UA's live calls and the dialogs they own, so an in-dialog request reaches its session
 * (RFC 3261 §12.2.2: matched by Call-ID, local tag = To tag, remote tag = From tag).
 */
export class SessionRegistry {
  readonly #sessions = new Set<Session>();
  readonly #dialogs = new Map<string, Session>();

  get size(): number {
    return this.#sessions.size;
  }

  add(session: Session): void {
    this.#sessions.add(session);
  }

  remove(session: Session): void {
    this.#sessions.delete(session);
  }

  attach(dialog: Dialog, session: Session): void {
    this.#dialogs.set(dialogKey(dialog.id), session);
  }

  detach(dialog: Dialog): void {
    this.#dialogs.delete(dialogKey(dialog.id));
  }

  /** The session owning `id`. */
  byDialog(id: DialogId): Session | undefined {
    return this.#dialogs.get(dialogKey(id));
  }

  /** The session of an in-dialog request (its To tag is ours). */
  forRequest(request: IncomingRequest): Session | undefined {
    const localTag = request.to.tag;
    if (localTag === undefined) return undefined;
    return this.byDialog({ callId: request.callId, localTag, remoteTag: request.from.tag ?? '' });
  }

  /** The incoming session whose INVITE server transaction a CANCEL matched. */
  byInviteTransaction(transaction: InviteServerTransaction): Session | undefined {
    for (const session of this.#sessions) if (session.owns(transaction)) return session;
    return undefined;
  }

  all(): Session[] {
    return [...this.#sessions];
  }
}
