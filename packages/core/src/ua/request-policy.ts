import { SipParseError, type HeaderEntry, type IncomingRequest } from '../message/index.js';

/** Methods the UA answers itself or hands to a session/dialog. */
export const ALLOWED_METHODS = [
  'INVITE',
  'ACK',
  'CANCEL',
  'BYE',
  'OPTIONS',
  'MESSAGE',
  'INFO',
  'UPDATE',
  'PRACK',
  'REFER',
  'NOTIFY',
] as const;

/** Option tags this UA implements (RFC 3261 §8.2.2.3): anything else in Require gets 420. */
export const SUPPORTED_EXTENSIONS = [
  '100rel',
  'timer',
  'replaces',
  'outbound',
  'path',
  'gruu',
] as const;

/** What a UA without calls (`UserAgent`) answers: ACK and CANCEL are never refused (§8.2.1). */
export const NON_CALL_METHODS = ['ACK', 'CANCEL', 'OPTIONS', 'MESSAGE'] as const;

/** An automatic rejection: what to answer instead of processing the request. */
export interface Rejection {
  readonly status: number;
  readonly reason?: string;
  readonly headers?: readonly HeaderEntry[];
}

/**
 * The UAS checks of RFC 3261 §8.2, in the RFC's order, before a request reaches a dialog or a
 * session: method (405 with Allow), Request-URI scheme (416), Require (420 with Unsupported).
 * Returns undefined when the request may go on. Never throws: a header that turns out malformed
 * when read is a 400 that says which.
 */
export function checkRequest(
  request: IncomingRequest,
  allowed: readonly string[] = ALLOWED_METHODS,
): Rejection | undefined {
  try {
    if (!allowed.includes(request.method)) {
      return { status: 405, headers: [['Allow', allowed.join(', ')]] };
    }
    if (!isSupportedScheme(request)) return { status: 416 };
    // A request that ran out of hops on its way here is refused like a proxy would (§16.3 step 3);
    // OPTIONS with Max-Forwards 0 is how peers probe the next hop, so it is answered (§11).
    if (request.parsed('max-forwards') === 0 && request.method !== 'OPTIONS') {
      return { status: 483 };
    }
    const unsupported = (request.parsed('require') ?? []).filter(
      (tag) => !(SUPPORTED_EXTENSIONS as readonly string[]).includes(tag.toLowerCase()),
    );
    // §8.2.2.3: Require in CANCEL and ACK is ignored.
    if (unsupported.length > 0 && request.method !== 'CANCEL' && request.method !== 'ACK') {
      return { status: 420, headers: [['Unsupported', unsupported.join(', ')]] };
    }
    return undefined;
  } catch (error) {
    if (error instanceof SipParseError) return { status: 400, reason: badRequestReason(error) };
    throw error;
  }
}

function isSupportedScheme(request: IncomingRequest): boolean {
  try {
    const scheme = request.ruri.scheme;
    return scheme === 'sip' || scheme === 'sips';
  } catch (error) {
    if (error instanceof SipParseError) return false;
    throw error;
  }
}

/** A reason phrase naming the bad header, safe to put on the wire. */
export function badRequestReason(error: SipParseError): string {
  const header = error.header === undefined ? '' : ` (${error.header})`;
  return `Bad Request${header}`.replace(/[^\x20-\x7e]/g, '');
}
