import { SipParseError, type IncomingResponse } from '../message/index.js';
import { SingleTimer, type Clock } from '../transport/clock.js';
import { Causes, causeOfStatus, type Cause } from '../ua/causes.js';
import { formatHeaderParams } from '../message/index.js';
import type { ContactParams, LocalIdentity } from '../ua/local-identity.js';
import { checkExtraHeaders } from '../ua/option-checks.js';
import { randomToken } from '../ua/random-token.js';
import type { RequestFactory } from '../ua/request-factory.js';
import type { AnsweredChallenge, RequestChannel, RequestOutcome } from '../ua/request-outcome.js';
import type { OutgoingRequest } from '../message/index.js';
import { grantedBinding } from './granted-expires.js';
import { registrationRefreshDelay } from './refresh-delay.js';

/** Registration events, named and shaped as JsSIP's. */
export interface RegistrationEvents {
  registered: { readonly response: IncomingResponse };
  unregistered: { readonly response?: IncomingResponse; readonly cause?: Cause };
  registrationFailed: { readonly response?: IncomingResponse; readonly cause: Cause };
  /** The binding is about to need a refresh; with a listener, the app calls `register()` itself. */
  registrationExpiring: Record<string, never>;
}

/** Where the registrator reports: the UA's emitter, or any object with these two methods. */
export interface RegistrationEventSink {
  emit<K extends keyof RegistrationEvents>(event: K, payload: RegistrationEvents[K]): void;
  listenerCount(event: keyof RegistrationEvents): number;
}

/** What the registrator works with. */
export interface RegistratorContext {
  readonly channel: RequestChannel;
  readonly factory: RequestFactory;
  readonly identity: LocalIdentity;
  readonly registrar: string;
  readonly expires: number;
  readonly clock: Clock;
  readonly events: RegistrationEventSink;
  /**
   * The wait in ms before retry `attempt` (0, 1, ...) of a REGISTER that got no answer: the UA
   * passes the connection recovery backoff. Without it, such a REGISTER is not retried.
   */
  readonly retryDelay?: (attempt: number) => number;
  /** Whether the connection is up now: retries wait for it (the reconnection registers). */
  readonly isConnected?: () => boolean;
  /** Appended to the From tag of each REGISTER (`register_from_tag_trail`). */
  readonly fromTagTrail?: () => string;
}

/** What `ua.registrator()` hands the app: the REGISTER settings it may change. */
export type RegistrationSettings = Pick<Registrator, 'setExtraHeaders' | 'setExtraContactParams'>;

/** Options of `unregister`. */
export interface UnregisterOptions {
  /** Remove every binding of the AOR (`Contact: *`, RFC 3261 §10.2.2), not only ours. */
  readonly all?: boolean;
  readonly extraHeaders?: readonly string[];
}

/**
 * Keeps this UA registered (RFC 3261 §10.2): one Call-ID for all its REGISTERs with a rising
 * CSeq (§10.2.4), refreshes before the granted lifetime ends, 423 answered once with the
 * registrar's Min-Expires (§10.2.8), and events for every change.
 *
 * A REGISTER that got no answer (Timer F, a 408, a transport error) is retried after the
 * connection recovery backoff (`retryDelay`) until one succeeds or the app unregisters or
 * stops; each failure is still a `registrationFailed`, and the success a `registered`. While
 * the connection is down the retry waits for `reconnected()`. A refusal (401, 403, 404...)
 * is final: sending the same REGISTER again would only be refused again.
 */
export class Registrator {
  readonly #context: RegistratorContext;
  readonly #callId = randomToken(22);
  readonly #refresh: SingleTimer;
  #cseq = 0;
  #expires: number;
  #registered = false;
  #inFlight = false;
  #again: 'register' | UnregisterOptions | undefined;
  #closed = false;
  readonly #retry: SingleTimer;
  #retryAttempt = 0;
  /** A REGISTER failed for want of an answer and is to be sent again. */
  #retryWanted = false;
  /** The `extraHeaders` of the REGISTER to retry, sent again by `reconnected()`. */
  #retryHeaders: readonly string[] = [];
  /** The REGISTER under way, so `close()` can let it settle before unregistering. */
  #current: Promise<void> | undefined;
  /** `setExtraHeaders`: on every REGISTER from now on, un-REGISTER included. */
  #extraHeaders: readonly string[] = [];
  /** `setExtraContactParams`: appended to our REGISTER Contact. */
  #contactParams: ContactParams = {};
  /** The un-REGISTER `leave()` sends, authorized in advance; dropped by any other REGISTER. */
  #goodbye: OutgoingRequest | undefined;
  #goodbyeToken = 0;

  constructor(context: RegistratorContext) {
    this.#context = context;
    this.#expires = context.expires;
    this.#refresh = new SingleTimer(context.clock);
    this.#retry = new SingleTimer(context.clock);
  }

  get registered(): boolean {
    return this.#registered;
  }

  /**
   * Headers for every later REGISTER, refreshes and un-REGISTER included (e.g. what a push
   * service needs); replaces the previous set. Each is a `Name: value` line.
   *
   * @throws {InvalidOptionError} naming a line that cannot go out (`extraHeaders[1]`).
   */
  setExtraHeaders(headers: readonly string[]): void {
    // Checked now, so the app learns of a bad line here rather than from REGISTERs that fail.
    this.#extraHeaders = [...checkExtraHeaders(headers)];
    this.#forgetGoodbye();
  }

  /**
   * Parameters for our Contact in every later REGISTER, e.g. RFC 8599 push parameters
   * (`pn-provider`, `pn-prid`, `pn-param`); `null`/`true` writes a flag. Replaces the previous set.
   *
   * @throws {SipSerializeError} naming a parameter whose name or value cannot be written.
   */
  setExtraContactParams(params: ContactParams): void {
    const copy = { ...params };
    // Checked now, so the app learns of a bad value here rather than from a REGISTER that fails.
    formatHeaderParams(
      Object.fromEntries(Object.entries(copy).map(([name, value]) => [name, String(value ?? '')])),
    );
    this.#contactParams = copy;
    this.#forgetGoodbye();
  }

  /** Registers now (or right after a REGISTER already under way), and keeps refreshing. */
  register(extraHeaders: readonly string[] = []): void {
    if (this.#closed) return;
    this.#retry.cancel();
    this.#retryWanted = false;
    this.#retryHeaders = [];
    if (this.#inFlight) {
      this.#again = 'register';
      return;
    }
    this.#refresh.cancel();
    void this.#send(this.#expires, extraHeaders, false);
  }

  /** Removes our binding (or all of the AOR's with `all`) and stops refreshing. */
  unregister(options: UnregisterOptions = {}): Promise<void> {
    this.#refresh.cancel();
    this.#stopRetrying();
    if (this.#inFlight) {
      this.#again = options;
      return Promise.resolve();
    }
    return this.#send(0, options.extraHeaders ?? [], options.all === true);
  }

  /** The connection dropped: the binding can no longer be relied on (the proxy forgets its flow). */
  connectionLost(): void {
    this.#refresh.cancel();
    this.#retry.cancel(); // still wanted: `reconnected()` sends it
    if (!this.#registered) return;
    this.#registered = false;
    this.#context.events.emit('unregistered', { cause: Causes.CONNECTION_ERROR });
  }

  /** The UA starts again after `close()`: registering is allowed again (same Call-ID, §10.2.4). */
  reopen(): void {
    this.#closed = false;
  }

  /** The connection is back: a REGISTER waiting to be retried goes now. */
  reconnected(): void {
    if (this.#retryWanted) this.register(this.#retryHeaders);
  }

  /**
   * Stops for good: lets a REGISTER under way settle (a binding it creates must not outlive the
   * UA), then unregisters when registered, and leaves no timer behind.
   */
  async close(): Promise<void> {
    this.#refresh.cancel();
    if (this.#closed) return;
    this.#closed = true;
    this.#again = undefined;
    this.#stopRetrying();
    while (this.#inFlight && this.#current !== undefined) await this.#current;
    this.#refresh.cancel();
    if (this.#registered) await this.#send(0, [], false);
    this.#refresh.cancel();
  }

  /**
   * The page is going and no answer will ever be read: sends the un-REGISTER at once, without
   * waiting for a REGISTER under way, and closes. A registrar that challenges every REGISTER
   * would answer a plain one 401, which the page could no longer answer; so it carries the
   * credentials prepared after the last registration (the same nonce, the next nc, RFC 3261
   * §22.3, RFC 7616 §3.4). A registrar that reuses no nonce, or whose nonce expired meanwhile,
   * keeps the binding until it expires.
   */
  leave(): void {
    const goodbye = this.#goodbye;
    const registered = this.#registered && !this.#closed;
    this.#forgetGoodbye();
    this.#closed = true;
    this.#again = undefined;
    this.#refresh.cancel();
    this.#stopRetrying();
    if (!registered) return;
    this.#registered = false;
    const request = goodbye ?? this.#request(0, [], false, this.#cseq + 1);
    this.#cseq += 1;
    void this.#context.channel.send(request);
    this.#context.events.emit('unregistered', {});
  }

  // Every REGISTER ends in an event, whatever the answer held: nothing here may reject, since
  // callers fire and forget (an unhandled rejection exits Node and leaves a browser app at
  // "registering" for good).
  #send(expires: number, extraHeaders: readonly string[], all: boolean): Promise<void> {
    const sending = this.#sendOnce(expires, extraHeaders, all).catch(() => {
      this.#inFlight = false;
      if (expires !== 0) this.#failed(undefined, Causes.INTERNAL_ERROR);
      this.#runQueued();
    });
    this.#current = sending;
    return sending;
  }

  async #sendOnce(expires: number, extraHeaders: readonly string[], all: boolean): Promise<void> {
    this.#inFlight = true;
    this.#forgetGoodbye(); // its CSeq is the one this REGISTER takes
    const request = this.#request(expires, extraHeaders, all, ++this.#cseq);
    let outcome: RequestOutcome;
    try {
      outcome = await this.#context.channel.send(request);
    } finally {
      this.#inFlight = false;
    }
    this.#cseq = Math.max(this.#cseq, outcome.cseq);
    if (expires === 0) this.#unregistered(outcome);
    else this.#registeredOrFailed(outcome, extraHeaders);
    this.#runQueued();
  }

  #request(
    expires: number,
    extraHeaders: readonly string[],
    all: boolean,
    cseq: number,
  ): OutgoingRequest {
    const { factory, identity, registrar } = this.#context;
    return factory.outOfDialog({
      method: 'REGISTER',
      ruri: registrar,
      to: identity.addressHeader(),
      callId: this.#callId,
      cseq,
      fromTag: randomToken(10) + (expires > 0 ? (this.#context.fromTagTrail?.() ?? '') : ''),
      contact: all ? '*' : identity.registerContact(expires, this.#contactParams),
      headers: [
        ['Expires', String(expires)],
        ['Supported', 'path, gruu, outbound'],
      ],
      extraHeaders: [...this.#extraHeaders, ...extraHeaders],
    });
  }

  /** Authorizes the un-REGISTER `leave()` may have to send, while there is time to hash. */
  #prepareGoodbye(answered: AnsweredChallenge | undefined): void {
    const channel = this.#context.channel;
    if (answered === undefined || channel.reauthorize === undefined) return;
    const token = ++this.#goodbyeToken;
    channel
      .reauthorize(
        this.#request(0, [], false, this.#cseq + 1),
        answered.challenge,
        answered.authenticator,
      )
      .then(
        (request) => {
          if (token === this.#goodbyeToken) this.#goodbye = request;
        },
        () => undefined,
      );
  }

  #forgetGoodbye(): void {
    this.#goodbye = undefined;
    this.#goodbyeToken += 1;
  }

  #registeredOrFailed(outcome: RequestOutcome, extraHeaders: readonly string[]): void {
    if (outcome.kind !== 'response') {
      this.#failed(
        undefined,
        outcome.kind === 'timeout' ? Causes.REQUEST_TIMEOUT : Causes.CONNECTION_ERROR,
      );
      return this.#retryLater(extraHeaders);
    }
    const { response } = outcome;
    if (response.status === 408) {
      this.#failed(response, causeOfStatus(408));
      return this.#retryLater(extraHeaders);
    }
    if (response.status === 423) return this.#intervalTooBrief(response, extraHeaders);
    if (response.status >= 300) return this.#failed(response, causeOfStatus(response.status));
    const granted = readBinding(() =>
      grantedBinding(response, this.#context.identity, this.#expires),
    );
    // A 2xx whose Contact or Expires cannot be read says nothing we can rely on about our
    // binding's lifetime: a failure of the registrar's answer, not a registration.
    if (granted === undefined) return this.#failed(response, Causes.SIP_FAILURE_CODE);
    if (granted.expires === 0) return this.#failed(response, Causes.EXPIRES);
    this.#context.identity.pubGruu = granted.pubGruu;
    this.#context.identity.tempGruu = granted.tempGruu;
    this.#refresh.schedule(registrationRefreshDelay(granted.expires), () => this.#expiring());
    this.#registered = true;
    this.#retryAttempt = 0;
    this.#prepareGoodbye(outcome.answered);
    this.#context.events.emit('registered', { response });
  }

  // RFC 3261 §10.2.8: retry once with the registrar's minimum; a second 423 is a failure.
  #intervalTooBrief(response: IncomingResponse, extraHeaders: readonly string[]): void {
    const minimum = readBinding(() => response.parsed('min-expires'));
    if (minimum === undefined || minimum <= this.#expires) {
      return this.#failed(response, causeOfStatus(423));
    }
    this.#expires = minimum;
    void this.#send(this.#expires, extraHeaders, false);
  }

  // Nobody answered, which says nothing about whether the registrar would accept us: try again
  // with the same backoff as the connection (jittered, so a registrar back from an outage is not
  // hit by every client at once). No retry while a newer request is queued or after close().
  #retryLater(extraHeaders: readonly string[]): void {
    const delay = this.#context.retryDelay;
    if (delay === undefined || this.#closed || this.#again !== undefined) return;
    this.#retryWanted = true;
    this.#retryHeaders = extraHeaders;
    if (this.#context.isConnected?.() === false) return;
    const wait = delay(this.#retryAttempt++);
    this.#retry.schedule(wait, () => this.register(extraHeaders));
  }

  #stopRetrying(): void {
    this.#retry.cancel();
    this.#retryWanted = false;
    this.#retryHeaders = [];
    this.#retryAttempt = 0;
  }

  #expiring(): void {
    const events = this.#context.events;
    if (events.listenerCount('registrationExpiring') > 0) events.emit('registrationExpiring', {});
    else this.register();
  }

  #failed(response: IncomingResponse | undefined, cause: Cause): void {
    const wasRegistered = this.#registered;
    this.#registered = false;
    this.#refresh.cancel();
    this.#context.events.emit('registrationFailed', { ...(response ? { response } : {}), cause });
    if (wasRegistered)
      this.#context.events.emit('unregistered', { ...(response ? { response } : {}), cause });
  }

  #unregistered(outcome: RequestOutcome): void {
    const response = outcome.kind === 'response' ? outcome.response : undefined;
    const wasRegistered = this.#registered;
    this.#registered = false;
    if (wasRegistered || response?.status === 200) {
      this.#context.events.emit(
        'unregistered',
        response === undefined ? { cause: Causes.REQUEST_TIMEOUT } : { response },
      );
    }
  }

  #runQueued(): void {
    const next = this.#again;
    this.#again = undefined;
    if (next === 'register') this.register();
    else if (next !== undefined) void this.unregister(next);
  }
}

/** `read()`, or undefined when the header it reads is malformed (`SipParseError`). */
function readBinding<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof SipParseError) return undefined;
    throw error;
  }
}
