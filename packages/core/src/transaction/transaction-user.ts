import type { IncomingResponse } from '../message/index.js';

/**
 * The transaction user (TU, RFC 3261 §17) of a client transaction: the UAC core, a dialog, a
 * registrator. Callbacks run synchronously inside `TransactionLayer` calls; a transport failure
 * while sending the request calls `onTransportError` before `createClientTransaction` returns.
 *
 * @example
 * const tu: ClientTransactionUser = {
 *   onResponse: (response) => console.log(response.status),
 *   onTimeout: () => console.log('408'), // RFC 3261 §8.1.3.1: act as if 408 arrived
 *   onTransportError: () => console.log('503'), // §8.1.3.1: act as if 503 arrived
 * };
 */
export interface ClientTransactionUser {
  /**
   * Provisional and final responses. An INVITE transaction passes every 2xx it sees while
   * Accepted, retransmissions and other forks' 2xx included (RFC 6026): the TU tells them
   * apart by To-tag. A retransmitted non-2xx final is absorbed and not passed again.
   */
  onResponse(response: IncomingResponse): void;
  /** Timer B or F fired, or no final response 64*T1 after a CANCEL (RFC 3261 §9.1). */
  onTimeout(): void;
  /** The transport refused a message of this transaction (RFC 3261 §17.1.4). */
  onTransportError(): void;
  /** The transaction reached Terminated and left the registry, for whatever reason. */
  onTerminated?(): void;
}

/**
 * The TU of a server transaction: the UAS core. It answers with `respond()`; these callbacks
 * only report how the transaction ended.
 *
 * @example
 * const tx = layer.createServerTransaction(invite, { onTimeout: () => dialog.terminate() });
 * tx.respond(createResponse(invite, 486));
 */
export interface ServerTransactionUser {
  /** INVITE only: Timer H fired, no ACK came for a 300-699 response (RFC 3261 §17.2.1). */
  onTimeout?(): void;
  /** The transport refused a response (RFC 3261 §17.2.4). */
  onTransportError?(): void;
  /** The transaction reached Terminated and left the registry, for whatever reason. */
  onTerminated?(): void;
}
