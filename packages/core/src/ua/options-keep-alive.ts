import { headerKey, type HeaderEntry } from '../message/index.js';
import { newCallId, newTag, type TransactionLayer } from '../transaction/index.js';
import type { KeepAlivePing } from '../transport/transport-options.js';
import type { RequestFactory } from './request-factory.js';

/**
 * How a UA keeps its flow alive and finds it dead (`UAOptions.keepAliveMethod`): CRLF pings
 * (RFC 5626 §4.4.1, the default), or out-of-dialog OPTIONS for servers that ignore CRLF.
 */
export type KeepAliveMethod = 'crlf' | 'options';

/**
 * The OPTIONS keep-alive ping: one out-of-dialog OPTIONS to `target` (the registrar) per ping,
 * `Max-Forwards: 0`, so the first hop, the server at the other end of our WebSocket, answers it
 * itself instead of forwarding it (RFC 3261 §16.3 item 3). Any response counts, a 483, 407 or
 * 5xx too: the question is whether the flow carries traffic both ways, not whether the server
 * likes the request, so a challenge is never answered. No response within the keep-alive timeout
 * fails the flow as a missing CRLF pong does.
 *
 * @example
 * new Transport(sockets, { keep_alive_interval: 25,
 *   keep_alive_ping: optionsKeepAlive('sip:example.com', () => factory, () => transactions) });
 */
export function optionsKeepAlive(
  target: string,
  factory: () => RequestFactory,
  transactions: () => TransactionLayer,
): KeepAlivePing {
  return (answered) => {
    const request = factory().outOfDialog({
      method: 'OPTIONS',
      ruri: target,
      callId: newCallId(),
      cseq: 1,
      fromTag: newTag(),
    });
    const headers = request.headers.map((entry): HeaderEntry =>
      headerKey(entry[0]) === 'max-forwards' ? [entry[0], '0'] : entry,
    );
    let sent = true;
    try {
      transactions().createClientTransaction(
        { ...request, headers },
        { onResponse: answered, onTimeout: () => {}, onTransportError: () => (sent = false) },
      );
    } catch {
      return false; // the layer is stopped: the UA is going
    }
    return sent;
  };
}
