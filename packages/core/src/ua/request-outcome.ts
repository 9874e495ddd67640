import type { DigestAuthenticator } from '../auth/index.js';
import type { IncomingResponse, OutgoingRequest } from '../message/index.js';

/** The 401/407 a request answered on its way to success, and the authenticator that did. */
export interface AnsweredChallenge {
  readonly challenge: IncomingResponse;
  readonly authenticator: DigestAuthenticator;
}

/**
 * How an out-of-dialog request ended, after any digest challenge was answered: a final
 * response, or no response at all (Timer F/B, RFC 3261 §17.1) or a dead connection (§17.1.4).
 */
export type RequestOutcome =
  | {
      readonly kind: 'response';
      readonly response: IncomingResponse;
      readonly cseq: number;
      /** Set on a 2xx reached by answering a challenge: what a later request may answer again. */
      readonly answered?: AnsweredChallenge;
    }
  | { readonly kind: 'timeout'; readonly cseq: number }
  | { readonly kind: 'transport-error'; readonly cseq: number };

// `cseq` is the CSeq of the last request sent: an authenticated retry uses a higher one
// (RFC 3261 §22.2), and whoever numbers the next request must continue from there.

/** Sends out-of-dialog requests for the layers above the UA core (registration, MESSAGE, OPTIONS). */
export interface RequestChannel {
  /**
   * Sends `request` in a new client transaction, answering 401/407 challenges (at most one retry
   * per challenge) and resolving with the final outcome. `onProvisional` sees 1xx responses.
   */
  send(
    request: OutgoingRequest,
    onProvisional?: (response: IncomingResponse) => void,
  ): Promise<RequestOutcome>;
  /**
   * `request` with credentials for a challenge already answered (the nonce again with the next
   * nc, RFC 7616 §3.4): sent pre-emptively, it needs no 401 round trip (RFC 3261 §22.3).
   * Undefined when that cannot be done.
   */
  reauthorize?(
    request: OutgoingRequest,
    challenge: IncomingResponse,
    authenticator: DigestAuthenticator,
  ): Promise<OutgoingRequest | undefined>;
}
