import type { IncomingResponse, OutgoingRequest } from '../message/index.js';
import { TransactionBase, type TransactionContext } from './transaction-base.js';
import type { ClientTransactionUser } from './transaction-user.js';

/** States of the non-INVITE client transaction (RFC 3261 §17.1.2.2, Figure 6). */
export type NonInviteClientState = 'trying' | 'proceeding' | 'completed' | 'terminated';

/** Everything `TransactionLayer` hands a non-INVITE client transaction. */
export interface NonInviteClientInit {
  readonly context: TransactionContext;
  /** The request as sent, top Via branch included. */
  readonly request: OutgoingRequest;
  readonly branch: string;
  readonly user: ClientTransactionUser;
}

/**
 * A non-INVITE client transaction (REGISTER, OPTIONS, BYE, CANCEL, MESSAGE...) on a reliable
 * transport: the request is sent once (no Timer E), Timer F bounds the whole transaction, and
 * Timer K is 0, so the final response ends it. Created by `TransactionLayer`.
 *
 * @example
 * const tx = layer.createClientTransaction(options, {
 *   onResponse: (response) => console.log(response.status),
 *   onTimeout: () => console.log('no answer in 64*T1'),
 *   onTransportError: () => console.log('not sent'),
 * });
 */
export class NonInviteClientTransaction extends TransactionBase<NonInviteClientState> {
  readonly kind = 'non-invite-client' as const;
  readonly method: string;
  /** The top Via branch, this transaction's id together with the method (RFC 3261 §17.1.3). */
  readonly branch: string;
  /** The request as sent, branch included. */
  readonly request: OutgoingRequest;
  readonly #user: ClientTransactionUser;

  constructor(init: NonInviteClientInit) {
    super(init.context, 'trying', init.user);
    this.#user = init.user;
    this.branch = init.branch;
    this.request = init.request;
    this.method = init.request.method;
  }

  /** Sends the serialized request and starts Timer F (RFC 3261 §17.1.2.2). Layer use only. */
  start(message: string): void {
    if (!this.transmit(message)) return;
    // Timer F runs through Trying and Proceeding: a 1xx does not extend it.
    this.timeOutAfter(this.context.timers.timerF);
  }

  /** A response matched to this transaction by `TransactionLayer` (RFC 3261 §17.1.3). */
  receive(response: IncomingResponse): void {
    const state = this.state;
    if (state !== 'trying' && state !== 'proceeding') return; // Completed absorbs retransmissions
    if (response.status < 200) {
      this.enter('proceeding');
      this.#user.onResponse(response);
      return;
    }
    this.enter('completed');
    this.cancelTimer();
    try {
      this.#user.onResponse(response);
    } finally {
      // Timer K: 0 on a reliable transport (RFC 3261 §17.1.2.2).
      this.terminateAfter(this.context.timers.timerK);
    }
  }
}
