import {
  authorizationHeaderName,
  AuthError,
  DigestAuthenticator,
  type DigestCredentials,
} from '../auth/index.js';
import {
  headerKey,
  SipParseError,
  type AuthChallenge,
  type HeaderEntry,
  type IncomingResponse,
  type OutgoingRequest,
} from '../message/index.js';
import type { TransactionLayer } from '../transaction/index.js';
import type { RequestChannel, RequestOutcome } from './request-outcome.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** What the channel reports about authentication, for the UA's logs. */
export type AuthenticationLog = (message: string) => void;

/**
 * Sends out-of-dialog, non-INVITE requests through the transaction layer and answers digest
 * challenges (RFC 3261 §22.2): each 401/407 gets one authenticated retry with the same Call-ID and
 * the next CSeq, a `stale=true` challenge one more, and a second plain rejection ends the flow with
 * the 401/407 itself — never a loop. After a success the plain password is forgotten and only
 * HA1 is kept, as JsSIP documents.
 */
export class AuthenticatingChannel implements RequestChannel {
  readonly #layer: () => TransactionLayer;
  #credentials: DigestCredentials | undefined;
  readonly #log: AuthenticationLog;

  constructor(
    layer: () => TransactionLayer,
    credentials: DigestCredentials | undefined,
    log: AuthenticationLog,
  ) {
    this.#layer = layer;
    this.#credentials = credentials;
    this.#log = log;
  }

  send(
    request: OutgoingRequest,
    onProvisional?: (response: IncomingResponse) => void,
  ): Promise<RequestOutcome> {
    return this.#attempt(request, this.newAuthenticator(), onProvisional);
  }

  /**
   * A fresh authenticator for one request flow (its own nonce counts and retry rule), or
   * undefined when the UA has no digest credentials. INVITE flows, which cannot go through
   * `send`, use it with `authorize` and `succeeded`.
   */
  newAuthenticator(): DigestAuthenticator | undefined {
    return this.#credentials === undefined ? undefined : new DigestAuthenticator(this.#credentials);
  }

  /** New credentials (`ua.set`) for the flows that start from now on. */
  setCredentials(credentials: DigestCredentials | undefined): void {
    this.#credentials = credentials;
  }

  /** A request was accepted with these credentials: keep HA1 only, forget the password. */
  succeeded(authenticator: DigestAuthenticator | undefined): void {
    if (authenticator === undefined || this.#credentials === undefined) return;
    authenticator.succeeded();
    this.#credentials.forgetPassword();
  }

  async #attempt(
    request: OutgoingRequest,
    authenticator: DigestAuthenticator | undefined,
    onProvisional: ((response: IncomingResponse) => void) | undefined,
  ): Promise<RequestOutcome> {
    const outcome = await this.#transact(request, onProvisional);
    if (outcome.kind !== 'response') return outcome;
    const { response } = outcome;
    if (response.status === 401 || response.status === 407) {
      const retry =
        authenticator === undefined
          ? undefined
          : await this.authorize(request, response, authenticator);
      if (retry === undefined || authenticator === undefined) return outcome;
      const next = await this.#attempt(retry, authenticator, onProvisional);
      // The last challenge answered on the way to a 2xx is the one a later request may reuse.
      if (next.kind !== 'response' || next.response.status >= 300 || next.answered) return next;
      return { ...next, answered: { challenge: response, authenticator } };
    }
    if (response.status < 300) this.succeeded(authenticator);
    return outcome;
  }

  #transact(
    request: OutgoingRequest,
    onProvisional?: (response: IncomingResponse) => void,
  ): Promise<RequestOutcome> {
    const cseq = cseqOf(request);
    return new Promise((resolve) => {
      try {
        this.#layer().createClientTransaction(request, {
          onResponse: (response) => {
            if (response.status < 200) onProvisional?.(response);
            else resolve({ kind: 'response', response, cseq });
          },
          onTimeout: () => resolve({ kind: 'timeout', cseq }),
          onTransportError: () => resolve({ kind: 'transport-error', cseq }),
        });
      } catch (error) {
        const why = (error as Error).message;
        this.#log(DEV ? `request not sent: ${why}` : `ua.request-not-sent ${why}`);
        resolve({ kind: 'transport-error', cseq });
      }
    });
  }

  /**
   * The same request (same CSeq) with fresh credentials for a challenge already answered in this
   * flow: the nonce is reused with the next nc (RFC 7616 §3.4), e.g. when an INVITE is sent
   * again after 422. Never replays a previous Authorization. Undefined when it cannot be done.
   */
  async reauthorize(
    request: OutgoingRequest,
    challenge: IncomingResponse,
    authenticator: DigestAuthenticator,
  ): Promise<OutgoingRequest | undefined> {
    const headers = await this.#answers(request, challenge, authenticator, false);
    if (headers === undefined) return undefined;
    return replaceCredentials(
      request,
      headers,
      authorizationHeaderName(challenge.status as 401 | 407),
    );
  }

  /**
   * The request again with credentials for the 401/407 `response` (next CSeq, same Call-ID,
   * RFC 3261 §22.2), or undefined to give up: no usable challenge, or this authenticator already
   * answered it once (a wrong password never loops).
   */
  async authorize(
    request: OutgoingRequest,
    response: IncomingResponse,
    authenticator: DigestAuthenticator,
  ): Promise<OutgoingRequest | undefined> {
    const headers = await this.#answers(request, response, authenticator, true);
    if (headers === undefined) return undefined;
    return withCredentials(request, headers, authorizationHeaderName(response.status as 401 | 407));
  }

  /**
   * Authorization / Proxy-Authorization values answering every realm the 401/407 challenges, or
   * undefined when one cannot (or, with `judgeRetry`, should not) be answered.
   */
  async #answers(
    request: OutgoingRequest,
    response: IncomingResponse,
    authenticator: DigestAuthenticator,
    judgeRetry: boolean,
  ): Promise<HeaderEntry[] | undefined> {
    const status = response.status as 401 | 407;
    try {
      // Read here, not before: a malformed challenge is a failed authentication (the 401/407
      // ends the flow), never an exception thrown into a caller that fired and forgot.
      const offered: readonly AuthChallenge[] =
        response.parsed(status === 401 ? 'www-authenticate' : 'proxy-authenticate') ?? [];
      const headers: HeaderEntry[] = [];
      for (const challenge of authenticator.select(offered)) {
        const decision = judgeRetry ? authenticator.shouldRetry(challenge) : { retry: true };
        if (!decision.retry) {
          const why = 'reason' in decision ? decision.reason : 'refused';
          const realm = challenge.params['realm'] ?? '?';
          this.#log(
            DEV
              ? `authentication failed (${why}) for realm ${realm}`
              : `ua.auth-failed ${why} realm=${realm}`,
          );
          return undefined;
        }
        const value = await authenticator.authorize(challenge, {
          method: request.method,
          uri: typeof request.ruri === 'string' ? request.ruri : '',
          body: request.body ?? '',
        });
        headers.push([authorizationHeaderName(status), value]);
      }
      return headers;
    } catch (error) {
      if (error instanceof AuthError || error instanceof SipParseError) {
        this.#log(
          DEV
            ? `cannot answer the challenge: ${error.message}`
            : `ua.challenge-unanswered ${error.message}`,
        );
      } else {
        // Whatever else failed (e.g. Web Crypto missing), the request is answered by the
        // 401/407 itself: the caller reports an authentication failure instead of hanging.
        this.#log(
          DEV
            ? `cannot answer the challenge: ${String(error)}`
            : `ua.challenge-unanswered ${String(error)}`,
        );
      }
      return undefined;
    }
  }
}

function cseqOf(request: OutgoingRequest): number {
  const value = request.headers.find(([name]) => headerKey(name) === 'cseq')?.[1] ?? '';
  return Number.parseInt(value, 10) || 0;
}

// §22.2: the retry is a new request: next CSeq, fresh branch (the layer adds it), same Call-ID,
// and credentials replacing any from the previous attempt.
function withCredentials(
  request: OutgoingRequest,
  credentials: readonly HeaderEntry[],
  headerName: string,
): OutgoingRequest {
  const cseq = cseqOf(request) + 1;
  const headers = request.headers.map((entry): HeaderEntry =>
    headerKey(entry[0]) === 'cseq' ? [entry[0], `${cseq} ${request.method}`] : entry,
  );
  return replaceCredentials({ ...request, headers }, credentials, headerName);
}

/** `request` with its digest credentials of this kind replaced (a bearer token stays). */
function replaceCredentials(
  request: OutgoingRequest,
  credentials: readonly HeaderEntry[],
  headerName: string,
): OutgoingRequest {
  const key = headerKey(headerName);
  const headers = request.headers.filter(
    ([name, value]) =>
      headerKey(name) !== key || value.trimStart().toLowerCase().startsWith('bearer'),
  );
  return { ...request, headers: [...headers, ...credentials] };
}
