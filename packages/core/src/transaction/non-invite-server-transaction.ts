import {
  serializeResponse,
  type IncomingRequest,
  type OutgoingResponse,
} from '../message/index.js';
import { TransactionBase, type TransactionContext } from './transaction-base.js';
import type { ServerTransactionUser } from './transaction-user.js';

/** States of the non-INVITE server transaction (RFC 3261 §17.2.2, Figure 8). */
export type NonInviteServerState = 'trying' | 'proceeding' | 'completed' | 'terminated';

/** Everything `TransactionLayer` hands a non-INVITE server transaction. */
export interface NonInviteServerInit {
  readonly context: TransactionContext;
  readonly request: IncomingRequest;
  readonly user: ServerTransactionUser;
}

/**
 * A non-INVITE server transaction on a reliable transport: Timer J is 0, so the final response
 * ends it; until then a retransmitted request gets the last provisional response again.
 * Created by `TransactionLayer`.
 *
 * @example
 * const tx = layer.createServerTransaction(options, {});
 * tx.respond(createResponse(options, 200, undefined, { toTag: newTag() }));
 */
export class NonInviteServerTransaction extends TransactionBase<NonInviteServerState> {
  readonly kind = 'non-invite-server' as const;
  readonly method: string;
  /** The request that created the transaction. */
  readonly request: IncomingRequest;
  #lastResponse: string | undefined;

  constructor(init: NonInviteServerInit) {
    super(init.context, 'trying', init.user);
    this.request = init.request;
    this.method = init.request.method;
  }

  /**
   * Sends nothing: a 100 to a non-INVITE only serves to quiet retransmissions (RFC 4320 §4.1),
   * and over a reliable transport there are none. Layer use only.
   */
  start(): void {}

  /**
   * Sends a response from the TU: 1xx enters Proceeding, 200-699 enters Completed and, Timer J
   * being 0, Terminated. Returns true when the transport took it; false once a final response
   * was sent (§17.2.2: later finals are discarded) or when the transport refused it (then
   * `onTransportError` ran). Throws SipSerializeError for a response that cannot be serialized.
   */
  respond(response: OutgoingResponse): boolean {
    const state = this.state;
    if (state !== 'trying' && state !== 'proceeding') return false;
    const message = serializeResponse(response);
    if (!this.transmit(message)) return false;
    this.#lastResponse = message;
    if (response.status < 200) {
      this.enter('proceeding');
    } else {
      this.enter('completed');
      this.terminateAfter(this.context.timers.timerJ);
    }
    return true;
  }

  /**
   * A retransmission matched by `TransactionLayer` (RFC 3261 §17.2.3): discarded in Trying,
   * answered with the last response in Proceeding and Completed (§17.2.2). Always absorbed.
   */
  receive(_request: IncomingRequest): boolean {
    if (this.#lastResponse !== undefined) this.transmit(this.#lastResponse);
    return true;
  }
}
