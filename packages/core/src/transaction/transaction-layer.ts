import {
  serializeRequest,
  type IncomingRequest,
  type IncomingResponse,
  type OutgoingRequest,
} from '../message/index.js';
import { systemClock, type Clock } from '../transport/index.js';
import { newBranch } from './identifiers.js';
import { InviteClientTransaction } from './invite-client-transaction.js';
import { InviteServerTransaction } from './invite-server-transaction.js';
import { NonInviteClientTransaction } from './non-invite-client-transaction.js';
import { NonInviteServerTransaction } from './non-invite-server-transaction.js';
import { describeSentRequest, withBranch } from './sent-request.js';
import type { TransactionContext } from './transaction-base.js';
import { clientKey, serverKey } from './transaction-keys.js';
import type { ClientTransactionUser, ServerTransactionUser } from './transaction-user.js';
import {
  transactionTimers,
  type TransactionTimerOptions,
  type TransactionTimers,
} from './timers.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** Either kind of client transaction; narrow on `kind`. */
export type ClientTransaction = InviteClientTransaction | NonInviteClientTransaction;
/** Either kind of server transaction; narrow on `kind`. */
export type ServerTransaction = InviteServerTransaction | NonInviteServerTransaction;
/** Any transaction. */
export type Transaction = ClientTransaction | ServerTransaction;

/**
 * Options of `TransactionLayer`.
 *
 * @example new TransactionLayer({ send: (text) => transport.send(text), timers: { t1: 500 } })
 */
export interface TransactionLayerOptions {
  /** Hands a serialized message to the transport; false when it was not sent (§17.1.4). */
  readonly send: (message: string) => boolean;
  /** Defaults to `systemClock`. */
  readonly clock?: Clock | undefined;
  /** Timer overrides; defaults are RFC 3261 Table 4 for a reliable transport. */
  readonly timers?: TransactionTimerOptions | undefined;
}

// The CANCEL's own transaction reports nowhere: its outcome shows on the INVITE (487, or the
// RFC 3261 §9.1 64*T1 guard), and a 481 or timeout changes nothing the UA could act on.
const CANCEL_USER: ClientTransactionUser = {
  onResponse: () => undefined,
  onTimeout: () => undefined,
  onTransportError: () => undefined,
};

/**
 * The transaction layer (RFC 3261 §17): owns every live transaction, matches incoming
 * responses and requests to them, and forgets each one when it terminates. What matches no
 * transaction is handed back: `receiveResponse` / `receiveRequest` return undefined, and the
 * UA core decides (a stray 2xx to ACK, a new request to answer, a 2xx's ACK for the dialog).
 *
 * Via: the caller writes the top Via (transport, sent-by, `;rport`...) without a branch; the
 * layer adds a fresh `z9hG4bK` branch, since the branch is the transaction's identity.
 *
 * @example
 * const layer = new TransactionLayer({ send: (text) => transport.send(text) });
 * transport.on('message', (text) => {
 *   const msg = parseMessage(text);
 *   if (msg.kind === 'response') layer.receiveResponse(msg) ?? core.strayResponse(msg);
 *   else if (layer.receiveRequest(msg) === undefined) core.newRequest(msg);
 * });
 * const tx = layer.createClientTransaction(options, { onResponse, onTimeout, onTransportError });
 */
export class TransactionLayer {
  /** The resolved timers (RFC 3261 Table 4, reliable transport). */
  readonly timers: TransactionTimers;
  readonly #context: TransactionContext;
  readonly #clients = new Map<string, ClientTransaction>();
  readonly #servers = new Map<string, ServerTransaction>();
  /** Every live transaction with its matching key (undefined: unmatchable, RFC 2543 branch). */
  readonly #live = new Map<Transaction, string | undefined>();
  #stopped = false;

  constructor(options: TransactionLayerOptions) {
    this.timers = transactionTimers(options.timers);
    const send = options.send;
    this.#context = {
      clock: options.clock ?? systemClock,
      timers: this.timers,
      send: (message) => send(message),
      forget: (transaction) => this.#forget(transaction as Transaction),
    };
  }

  /** Number of live transactions, client and server. */
  get size(): number {
    return this.#live.size;
  }

  /**
   * Starts a client transaction for `request`, whose top Via must have no branch: a fresh one
   * is added and the request is sent at once. INVITE gets an `InviteClientTransaction` (narrow
   * on `kind`, or call `createInviteClientTransaction`), anything else a non-INVITE one. A
   * transport refusal reports `onTransportError` before this returns (the transaction comes back
   * terminated). Throws TypeError for ACK (not a transaction: §17.1.1.3, §13.2.2.4), CANCEL (use
   * `InviteClientTransaction.cancel()`), or a request missing Via, Call-ID, From, To or CSeq;
   * SipParseError for a malformed top Via or CSeq; SipSerializeError if it cannot be
   * serialized; Error once the layer is stopped.
   */
  createClientTransaction(
    request: OutgoingRequest,
    user: ClientTransactionUser,
  ): ClientTransaction {
    if (request.method === 'INVITE') return this.createInviteClientTransaction(request, user);
    this.#checkRunning();
    if (request.method === 'ACK' || request.method === 'CANCEL') {
      throw new TypeError(
        DEV
          ? `${request.method} does not start a client transaction here`
          : `transaction.not-client ${request.method}`,
      );
    }
    const sent = describeSentRequest(withBranch(request, newBranch()));
    return this.#startNonInvite(sent.request, sent.branch, user, serializeRequest(sent.request));
  }

  /**
   * `createClientTransaction` for an INVITE, typed as such. Throws TypeError for another method.
   *
   * @example
   * const tx = layer.createInviteClientTransaction(invite, tu);
   * tx.cancel();
   */
  createInviteClientTransaction(
    request: OutgoingRequest,
    user: ClientTransactionUser,
  ): InviteClientTransaction {
    this.#checkRunning();
    if (request.method !== 'INVITE')
      throw new TypeError(
        DEV ? `${request.method} is not an INVITE` : `transaction.not-invite ${request.method}`,
      );
    const sent = describeSentRequest(withBranch(request, newBranch()));
    const message = serializeRequest(sent.request);
    const transaction = new InviteClientTransaction({
      context: this.#context,
      sent,
      user,
      startCancel: (cancel) => {
        this.#startNonInvite(cancel, sent.branch, CANCEL_USER, serializeRequest(cancel));
      },
    });
    this.#register(transaction, this.#clients, clientKey(sent.branch, 'INVITE'));
    transaction.start(message);
    return transaction;
  }

  /**
   * Starts a server transaction for a new request (one `receiveRequest` did not match). An
   * INVITE gets `100 Trying` at once. Throws TypeError for ACK (never a transaction of its
   * own) and Error when a live transaction already owns the request or the layer is stopped.
   */
  createServerTransaction(
    request: IncomingRequest,
    user: ServerTransactionUser = {},
  ): ServerTransaction {
    this.#checkRunning();
    if (request.method === 'ACK')
      throw new TypeError(
        DEV ? 'ACK does not start a server transaction' : 'transaction.not-server ACK',
      );
    const key = serverKey(request);
    if (key !== undefined && this.#servers.has(key)) {
      throw new Error(
        DEV
          ? `a server transaction already handles this ${request.method}`
          : `transaction.duplicate ${request.method}`,
      );
    }
    const init = { context: this.#context, request, user };
    const transaction =
      request.method === 'INVITE'
        ? new InviteServerTransaction(init)
        : new NonInviteServerTransaction(init);
    this.#register(transaction, this.#servers, key);
    transaction.start();
    return transaction;
  }

  /**
   * Passes a response to its client transaction: top Via branch and CSeq method must match
   * (RFC 3261 §17.1.3). Returns the transaction, or undefined for a stray response (e.g. a 2xx
   * from a fork after Timer M) that the UA core must handle itself.
   */
  receiveResponse(response: IncomingResponse): ClientTransaction | undefined {
    const branch = response.via[0]?.branch;
    if (branch === undefined) return undefined;
    const transaction = this.#clients.get(clientKey(branch, response.cseq.method));
    transaction?.receive(response);
    return transaction;
  }

  /**
   * Passes a request to the server transaction it belongs to (RFC 3261 §17.2.3: branch,
   * sent-by, method; ACK matches the INVITE). Returns the transaction when it absorbed the
   * request (a retransmission, the ACK of a non-2xx); undefined when the UA core must handle it:
   * a new request (then `createServerTransaction`), an ACK for a 2xx, a CANCEL (`matchCancel`).
   */
  receiveRequest(request: IncomingRequest): ServerTransaction | undefined {
    const key = serverKey(request);
    const transaction = key === undefined ? undefined : this.#servers.get(key);
    if (transaction === undefined) return undefined;
    return transaction.receive(request) ? transaction : undefined;
  }

  /**
   * The INVITE server transaction a CANCEL targets (RFC 3261 §9.2: same top Via branch and
   * sent-by, method INVITE). The core answers 200 to the CANCEL and, if the INVITE is still
   * `'proceeding'`, 487 to the INVITE; undefined means no match: answer the CANCEL with 481.
   * Throws TypeError when `cancel` is not a CANCEL.
   *
   * @example
   * const invite = layer.matchCancel(cancel);
   * cancelTx.respond(createResponse(cancel, invite ? 200 : 481, undefined, { toTag }));
   * if (invite?.state === 'proceeding') invite.respond(createResponse(invite.request, 487, undefined, { toTag }));
   */
  matchCancel(cancel: IncomingRequest): InviteServerTransaction | undefined {
    if (cancel.method !== 'CANCEL')
      throw new TypeError(
        DEV ? `matchCancel got a ${cancel.method}` : `transaction.not-cancel ${cancel.method}`,
      );
    const key = serverKey(cancel, 'INVITE');
    const transaction = key === undefined ? undefined : this.#servers.get(key);
    return transaction?.kind === 'invite-server' ? transaction : undefined;
  }

  /**
   * The connection dropped: every client transaction still waiting for a final response fails
   * with a transport error at once (RFC 3261 §17.1.4), so its TU can retry over the next
   * connection instead of waiting for Timer B/F. Server transactions and INVITEs already answered
   * (Accepted) are left to their timers: their state does not depend on a response coming back.
   */
  connectionLost(): void {
    for (const transaction of [...this.#live.keys()]) {
      const waiting =
        (transaction.kind === 'invite-client' &&
          (transaction.state === 'calling' || transaction.state === 'proceeding')) ||
        (transaction.kind === 'non-invite-client' &&
          (transaction.state === 'trying' || transaction.state === 'proceeding'));
      if (waiting) transaction.connectionLost();
    }
  }

  /**
   * Terminates every transaction (TUs get `onTerminated`, not timeouts) and cancels every
   * timer. The layer refuses new transactions afterwards: make a new one to start again.
   */
  stop(): void {
    this.#stopped = true;
    for (const transaction of [...this.#live.keys()]) transaction.stop();
  }

  #startNonInvite(
    request: OutgoingRequest,
    branch: string,
    user: ClientTransactionUser,
    message: string,
  ): NonInviteClientTransaction {
    const transaction = new NonInviteClientTransaction({
      context: this.#context,
      request,
      branch,
      user,
    });
    this.#register(transaction, this.#clients, clientKey(branch, request.method));
    transaction.start(message);
    return transaction;
  }

  #register<T extends Transaction>(
    transaction: T,
    index: Map<string, T>,
    key: string | undefined,
  ): void {
    this.#live.set(transaction, key);
    if (key !== undefined) index.set(key, transaction);
  }

  #forget(transaction: Transaction): void {
    if (!this.#live.has(transaction)) return;
    const key = this.#live.get(transaction);
    this.#live.delete(transaction);
    if (key === undefined) return;
    const index: Map<string, Transaction> =
      transaction.kind === 'invite-client' || transaction.kind === 'non-invite-client'
        ? this.#clients
        : this.#servers;
    if (index.get(key) === transaction) index.delete(key);
  }

  #checkRunning(): void {
    if (this.#stopped)
      throw new Error(DEV ? 'the transaction layer is stopped' : 'transaction.stopped');
  }
}
