import type { DigestAuthenticator } from '../auth/index.js';
import type { HeaderEntry, IncomingResponse, OutgoingRequest } from '../message/index.js';
import type { InviteClientTransaction, TransactionLayer } from '../transaction/index.js';
import type { AuthenticatingChannel } from '../ua/authenticating-channel.js';

/** What an INVITE we sent led to, reported to the session. */
export interface InviteClientUser {
  /** 101-199. */
  onProvisional(response: IncomingResponse): void;
  /** Every 2xx, forks and retransmissions included (tell them apart by To-tag). */
  onSuccess(response: IncomingResponse, invite: OutgoingRequest): void;
  /** A final 300-699 that is not answered with credentials. */
  onFailure(response: IncomingResponse): void;
  /** No final response (Timer B, or 64*T1 after a CANCEL), or the transport refused it. */
  onNoResponse(kind: 'timeout' | 'transport-error'): void;
  /**
   * The final response was handled and its transaction is over (RFC 6026: 2xx retransmissions
   * stop reaching it after Timer M): nothing more will come, so the client can be let go.
   */
  onDone?(): void;
  /**
   * A final failure other than 401/407: return a corrected request to send instead (e.g. after
   * 422 Session Interval Too Small, RFC 4028 §7.3), or undefined to report `onFailure`.
   */
  retryAfter?(response: IncomingResponse, sent: OutgoingRequest): OutgoingRequest | undefined;
}

/**
 * Sends one INVITE (initial or re-INVITE) and answers digest challenges for it (RFC 3261 §22.2:
 * one authenticated retry per challenge, same Call-ID, next CSeq). It exists apart from
 * `AuthenticatingChannel.send` because an INVITE has provisional responses, several 2xx and
 * CANCEL, which a request/response promise cannot express.
 */
export class InviteClient {
  readonly #layer: () => TransactionLayer;
  readonly #channel: AuthenticatingChannel;
  readonly #user: InviteClientUser;
  readonly #authenticator: DigestAuthenticator | undefined;
  #transaction: InviteClientTransaction | undefined;
  #request: OutgoingRequest;
  #cancelHeaders: readonly HeaderEntry[] | undefined;
  #finished = false;
  /** The 401/407 whose challenge the current credentials answer, for resending (422). */
  #challenge: IncomingResponse | undefined;

  constructor(
    layer: () => TransactionLayer,
    channel: AuthenticatingChannel,
    request: OutgoingRequest,
    user: InviteClientUser,
  ) {
    this.#layer = layer;
    this.#channel = channel;
    this.#request = request;
    this.#user = user;
    this.#authenticator = channel.newAuthenticator();
  }

  /** The INVITE last sent, without its Via branch (its CSeq moves on with each authenticated retry). */
  get request(): OutgoingRequest {
    return this.#request;
  }

  /** Sends the INVITE. Throws what `createInviteClientTransaction` throws. */
  start(): void {
    this.#send(this.#request);
  }

  /**
   * Cancels the INVITE (RFC 3261 §9.1): sent once a provisional response is in, never after a
   * final one; an authenticated retry still being prepared is not sent at all.
   */
  cancel(headers: readonly HeaderEntry[] = []): void {
    this.#cancelHeaders = headers;
    this.#transaction?.cancel(headers);
  }

  #send(request: OutgoingRequest): void {
    let transaction: InviteClientTransaction | undefined = undefined;
    transaction = this.#layer().createInviteClientTransaction(request, {
      onResponse: (response) => this.#response(response),
      onTimeout: () => this.#noResponse('timeout'),
      onTransportError: () => this.#noResponse('transport-error'),
      onTerminated: () => this.#terminated(transaction),
    });
    this.#transaction = transaction;
    if (this.#cancelHeaders !== undefined) this.#transaction.cancel(this.#cancelHeaders);
  }

  #response(response: IncomingResponse): void {
    const { status } = response;
    if (status < 200) {
      if (status > 100) this.#user.onProvisional(response);
      return;
    }
    if (status < 300) {
      if (!this.#finished) this.#channel.succeeded(this.#authenticator);
      this.#finished = true;
      this.#user.onSuccess(response, this.request);
      return;
    }
    if ((status === 401 || status === 407) && this.#cancelHeaders === undefined) {
      this.#retry(response).catch(() => this.#finish(() => this.#user.onFailure(response)));
      return;
    }
    const corrected =
      this.#cancelHeaders === undefined
        ? this.#user.retryAfter?.(response, this.#request)
        : undefined;
    if (corrected !== undefined) {
      this.#resendAuthorized(corrected, response).catch(() =>
        this.#finish(() => this.#user.onFailure(response)),
      );
      return;
    }
    this.#finish(() => this.#user.onFailure(response));
  }

  // A corrected INVITE carries fresh credentials for the challenge already answered (same nonce,
  // next nc): replaying the previous Authorization is what replay protection refuses.
  async #resendAuthorized(request: OutgoingRequest, failure: IncomingResponse): Promise<void> {
    const challenge = this.#challenge;
    const authenticator = this.#authenticator;
    if (challenge === undefined || authenticator === undefined) return this.#resend(request);
    const fresh = await this.#channel.reauthorize(request, challenge, authenticator);
    if (fresh === undefined || this.#cancelHeaders !== undefined) {
      return this.#finish(() => this.#user.onFailure(failure));
    }
    this.#resend(fresh);
  }

  #resend(request: OutgoingRequest): void {
    this.#request = request;
    try {
      this.#send(request);
    } catch {
      this.#finish(() => this.#user.onNoResponse('transport-error'));
    }
  }

  async #retry(response: IncomingResponse): Promise<void> {
    const sent = this.request;
    const retry =
      this.#authenticator === undefined
        ? undefined
        : await this.#channel.authorize(sent, response, this.#authenticator);
    if (retry === undefined || this.#cancelHeaders !== undefined) {
      this.#finish(() => this.#user.onFailure(response));
      return;
    }
    this.#challenge = response;
    this.#resend(retry);
  }

  // Only the current transaction's end counts: a 401's transaction ends while its retry is out.
  #terminated(transaction: InviteClientTransaction | undefined): void {
    if (transaction === undefined || transaction !== this.#transaction || !this.#finished) return;
    this.#transaction = undefined;
    this.#challenge = undefined;
    this.#user.onDone?.();
  }

  #noResponse(kind: 'timeout' | 'transport-error'): void {
    this.#finish(() => this.#user.onNoResponse(kind));
  }

  #finish(report: () => void): void {
    if (this.#finished) return;
    this.#finished = true;
    report();
  }
}
