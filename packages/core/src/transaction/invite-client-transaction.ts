import {
  serializeRequest,
  type HeaderEntry,
  type IncomingResponse,
  type OutgoingRequest,
} from '../message/index.js';
import { non2xxAck } from './ack-request.js';
import { cancelRequest } from './cancel-request.js';
import type { SentRequest } from './sent-request.js';
import { TransactionBase, type TransactionContext } from './transaction-base.js';
import type { ClientTransactionUser } from './transaction-user.js';

/**
 * States of the INVITE client transaction: RFC 3261 §17.1.1.2 (Figure 5) with the RFC 6026
 * Accepted state for 2xx responses.
 */
export type InviteClientState = 'calling' | 'proceeding' | 'accepted' | 'completed' | 'terminated';

/**
 * What `cancel()` did: `'sent'` (a provisional response had arrived), `'deferred'` (sent when
 * the first provisional response arrives, RFC 3261 §9.1), `'ignored'` (already requested, or a
 * final response already arrived: a CANCEL is never sent after one).
 */
export type CancelOutcome = 'sent' | 'deferred' | 'ignored';

/** Everything `TransactionLayer` hands an INVITE client transaction. */
export interface InviteClientInit {
  readonly context: TransactionContext;
  readonly sent: SentRequest;
  readonly user: ClientTransactionUser;
  /** Starts the CANCEL as its own non-INVITE client transaction, keeping the INVITE's branch. */
  readonly startCancel: (cancel: OutgoingRequest) => void;
}

/**
 * An INVITE client transaction on a reliable transport: the INVITE is sent once (no Timer A),
 * Timer B bounds the wait for a first response, 300-699 are acknowledged here, 2xx go to the TU
 * (whose core sends their ACK, RFC 3261 §13.2.2.4). Created by `TransactionLayer`.
 *
 * @example
 * const tx = layer.createClientTransaction(invite, tu);
 * hangUpButton.onclick = () => tx.cancel([['Reason', 'SIP;cause=487;text="Cancelled"']]);
 */
export class InviteClientTransaction extends TransactionBase<InviteClientState> {
  readonly kind = 'invite-client' as const;
  readonly method = 'INVITE';
  /** The top Via branch, this transaction's id together with the method (RFC 3261 §17.1.3). */
  readonly branch: string;
  /** The INVITE as sent, branch included. */
  readonly request: OutgoingRequest;
  readonly #sent: SentRequest;
  readonly #user: ClientTransactionUser;
  readonly #startCancel: (cancel: OutgoingRequest) => void;
  /** The ACK for the final response, kept to answer its retransmissions (RFC 3261 §17.1.1.2). */
  #ack: string | undefined;
  /** undefined: not asked; a request: waiting for a provisional response; 'done': sent or dropped. */
  #cancel: OutgoingRequest | 'done' | undefined;

  constructor(init: InviteClientInit) {
    super(init.context, 'calling', init.user);
    this.#sent = init.sent;
    this.#user = init.user;
    this.#startCancel = init.startCancel;
    this.branch = init.sent.branch;
    this.request = init.sent.request;
  }

  /** Sends the serialized INVITE and starts Timer B (RFC 3261 §17.1.1.2). Layer use only. */
  start(message: string): void {
    if (!this.transmit(message)) return;
    this.timeOutAfter(this.context.timers.timerB);
  }

  /**
   * Asks to cancel the INVITE (RFC 3261 §9.1). The CANCEL copies the INVITE's Request-URI,
   * Call-ID, From, To, CSeq number, top Via and Route; `extraHeaders` (a Reason, RFC 3326) are
   * added. It goes out only once a provisional response has arrived, never after a final one.
   * Throws SipSerializeError at once if `extraHeaders` cannot be serialized.
   */
  cancel(extraHeaders: readonly HeaderEntry[] = []): CancelOutcome {
    if (this.#cancel !== undefined) return 'ignored';
    const state = this.state;
    if (state !== 'calling' && state !== 'proceeding') return 'ignored';
    const cancel = cancelRequest(this.#sent, extraHeaders);
    serializeRequest(cancel); // fail now, not later inside receiveResponse
    this.#cancel = cancel;
    if (state === 'calling') return 'deferred';
    this.#sendCancel(cancel);
    return 'sent';
  }

  /** A response matched to this transaction by `TransactionLayer` (RFC 3261 §17.1.3). */
  receive(response: IncomingResponse): void {
    const { status } = response;
    switch (this.state) {
      case 'calling':
      case 'proceeding':
        if (status < 200) this.#provisional(response);
        else if (status < 300) this.#accepted(response);
        else this.#completed(response);
        return;
      case 'accepted':
        // RFC 6026: every 2xx (retransmissions, other forks) goes to the TU; nothing else does.
        if (status >= 200 && status < 300) this.#user.onResponse(response);
        return;
      case 'completed':
        // RFC 3261 §17.1.1.2: a retransmitted final is absorbed and answered with the same ACK.
        if (status >= 300 && this.#ack !== undefined) this.transmit(this.#ack);
        return;
      case 'terminated':
        return;
    }
  }

  #provisional(response: IncomingResponse): void {
    if (this.state === 'calling') {
      // Timer B only bounds the Calling state (RFC 3261 §17.1.1.2).
      this.cancelTimer();
      this.enter('proceeding');
      const pending = this.#cancel;
      if (pending !== undefined && pending !== 'done') this.#sendCancel(pending);
    }
    this.#user.onResponse(response);
  }

  #accepted(response: IncomingResponse): void {
    this.enter('accepted');
    this.#dropDeferredCancel();
    this.cancelTimer();
    try {
      this.#user.onResponse(response);
    } finally {
      // RFC 6026: Timer M keeps the transaction to catch 2xx from other forks.
      this.terminateAfter(this.context.timers.timerM);
    }
  }

  #completed(response: IncomingResponse): void {
    this.enter('completed');
    this.#dropDeferredCancel();
    this.cancelTimer();
    const ack = serializeRequest(non2xxAck(this.#sent, response));
    this.#ack = ack;
    // The ACK goes out before the TU hears of the response, so a TU that retries at once (401,
    // 3xx) puts its new INVITE on the wire after the ACK.
    const delivered = this.context.send(ack);
    try {
      this.#user.onResponse(response);
    } finally {
      if (!delivered) this.failTransport();
      else this.terminateAfter(this.context.timers.timerD);
    }
  }

  #sendCancel(cancel: OutgoingRequest): void {
    this.#cancel = 'done';
    this.#startCancel(cancel);
    // RFC 3261 §9.1: no final response 64*T1 after the CANCEL -> consider the INVITE cancelled.
    this.timeOutAfter(64 * this.context.timers.t1);
  }

  // RFC 3261 §9.1: a CANCEL must not be sent once a final response arrived.
  #dropDeferredCancel(): void {
    if (this.#cancel !== undefined) this.#cancel = 'done';
  }
}
