import type { CallConnection } from './call-connection.js';

/**
 * Whether the answer to one of our mid-dialog requests ends the dialog (RFC 3261 §12.2.1.2:
 * 481 and 408 SHOULD). A deliberate deviation while the call's connection is `reconnecting`
 * (its media or signalling is being recovered, issue 20): its peer is then expected to be out of
 * reach for a while (its WebSocket died with its interface, and the proxy answers 408 or 430 for
 * the dead flow until the peer reconnects and refreshes its target), so a 408 there is a failed
 * attempt of the recovery, which retries with its backoff until its own deadline ends the call
 * with its documented cause. A 481 always ends it: the peer has no such dialog any more.
 *
 * @example
 * if (endsDialog(response.status, core.connection)) core.finish('ended', 'system', cause, response);
 */
export function endsDialog(status: number, connection: CallConnection): boolean {
  if (status === 481) return true;
  // 430 Flow Failed (RFC 5626 §5.3) and 503 from the proxy for a dead flow never end it.
  return status === 408 && connection.state !== 'reconnecting';
}
