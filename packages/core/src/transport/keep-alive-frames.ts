/** RFC 5626 §4.4.1: a client keep-alive ping is a double CRLF. */
export const KEEP_ALIVE_PING = '\r\n\r\n';
/** RFC 5626 §4.4.1: the answer to a ping (a pong) is a single CRLF. */
export const KEEP_ALIVE_PONG = '\r\n';

/**
 * What a received frame is, for the transport manager:
 * - `ping`: exactly `\r\n\r\n`, to be answered with a pong;
 * - `pong`: exactly `\r\n`, the answer to our ping;
 * - `blank`: any other frame made only of whitespace (or empty), dropped;
 * - `message`: anything else, passed up to the SIP layer.
 *
 * @example
 * ```ts
 * classifyFrame('\r\n\r\n'); // 'ping'
 * classifyFrame('OPTIONS sip:a@b SIP/2.0\r\n...'); // 'message'
 * ```
 */
export type FrameKind = 'ping' | 'pong' | 'blank' | 'message';

/** Classifies one received frame; see {@link FrameKind}. */
export function classifyFrame(text: string): FrameKind {
  if (text === KEEP_ALIVE_PING) return 'ping';
  if (text === KEEP_ALIVE_PONG) return 'pong';
  return text.trim() === '' ? 'blank' : 'message';
}
