import {
  createResponse,
  serializeResponse,
  type IncomingRequest,
  type OutgoingResponse,
} from '../message/index.js';
import { TransactionBase, type TransactionContext } from './transaction-base.js';
import type { ServerTransactionUser } from './transaction-user.js';

/**
 * States of the INVITE server transaction: RFC 3261 §17.2.1 (Figure 7) with the RFC 6026
 * Accepted state after a 2xx.
 */
export type InviteServerState =
  'proceeding' | 'accepted' | 'completed' | 'confirmed' | 'terminated';

/** Everything `TransactionLayer` hands an INVITE server transaction. */
export interface InviteServerInit {
  readonly context: TransactionContext;
  readonly request: IncomingRequest;
  readonly user: ServerTransactionUser;
}

/**
 * An INVITE server transaction on a reliable transport. Responses are never retransmitted on a
 * timer (no Timer G). Note that retransmitting a 2xx until its ACK arrives is the UAS core's job
 * (RFC 3261 §13.3.1.4, whatever the transport, since a proxy may forward over UDP), not this
 * transaction's: RFC 6026 only has the Accepted state pass on the 2xx copies the TU hands it.
 * Created by `TransactionLayer`.
 *
 * @example
 * const tx = layer.createServerTransaction(invite, { onTimeout: () => log('no ACK') });
 * tx.respond(createResponse(invite, 180, undefined, { toTag }));
 * tx.respond(createResponse(invite, 486, undefined, { toTag }));
 */
export class InviteServerTransaction extends TransactionBase<InviteServerState> {
  readonly kind = 'invite-server' as const;
  readonly method = 'INVITE';
  /** The INVITE that created the transaction. */
  readonly request: IncomingRequest;
  /** The most recent response sent, re-sent when the INVITE is retransmitted (§17.2.1). */
  #lastResponse: string | undefined;

  constructor(init: InviteServerInit) {
    super(init.context, 'proceeding', init.user);
    this.request = init.request;
  }

  /**
   * Sends `100 Trying` at once (RFC 3261 §17.2.1 asks for it only when the TU will not answer
   * within 200 ms). Always sending it is simpler, needs no timer, costs one small frame, and is
   * what JsSIP and most UAs do; it tells the previous hop to stop retransmitting (Timer A) on any
   * unreliable leg. Layer use only.
   */
  start(): void {
    this.#send(serializeResponse(createResponse(this.request, 100)));
  }

  /**
   * Sends a response from the TU. Proceeding: 1xx stays, 2xx enters Accepted (Timer L), 300-699
   * enters Completed (Timer H, waiting for the ACK). Accepted: only 2xx, the UAS core's
   * retransmissions (RFC 6026), go out. Returns true when the transport took the response; false
   * when the state does not allow it (nothing sent) or the transport refused it (then
   * `onTransportError` ran and the transaction is terminated). Throws SipSerializeError for a
   * response that cannot be serialized.
   */
  respond(response: OutgoingResponse): boolean {
    const state = this.state;
    const { status } = response;
    const success = status >= 200 && status < 300;
    if (state !== 'proceeding' && !(state === 'accepted' && success)) return false;
    if (!this.#send(serializeResponse(response))) return false;
    if (state === 'accepted' || status < 200) return true;
    if (success) {
      this.enter('accepted');
      // RFC 6026: Timer L keeps absorbing INVITE retransmissions that cross the 2xx.
      this.terminateAfter(this.context.timers.timerL);
    } else {
      this.enter('completed');
      // RFC 3261 §17.2.1: Timer H, 64*T1 for all transports, bounds the wait for the ACK.
      this.timeOutAfter(this.context.timers.timerH);
    }
    return true;
  }

  /**
   * A request matched to this transaction by `TransactionLayer` (RFC 3261 §17.2.3): an INVITE
   * retransmission or an ACK. Returns false for what the transaction does not absorb: an ACK in
   * the Accepted state, which belongs to the TU (it acknowledges a 2xx, RFC 6026).
   */
  receive(request: IncomingRequest): boolean {
    if (request.method === 'ACK') return this.#ack();
    const state = this.state;
    // §17.2.1: Proceeding re-sends the last provisional, Completed the final; RFC 6026 has the
    // Accepted state absorb INVITE retransmissions silently (the core retransmits the 2xx).
    if ((state === 'proceeding' || state === 'completed') && this.#lastResponse !== undefined) {
      this.transmit(this.#lastResponse);
    }
    return true;
  }

  #ack(): boolean {
    switch (this.state) {
      case 'accepted':
        return false;
      case 'completed':
        this.enter('confirmed');
        // Timer I: 0 on a reliable transport, so Confirmed ends at once (RFC 3261 §17.2.1).
        this.terminateAfter(this.context.timers.timerI);
        return true;
      default:
        return true; // Confirmed absorbs ACK retransmissions; an ACK before any final is dropped
    }
  }

  #send(message: string): boolean {
    if (!this.transmit(message)) return false;
    this.#lastResponse = message;
    return true;
  }
}
