import type { IncomingResponse } from '../message/index.js';
import { SingleTimer, type Clock } from '../transport/clock.js';
import { Causes, causeOfStatus, type Cause } from '../ua/causes.js';
import { formatHeaderParams } from '../message/index.js';
import type { ContactParams, LocalIdentity } from '../ua/local-identity.js';
import { randomToken } from '../ua/random-token.js';
import type { RequestFactory } from '../ua/request-factory.js';
import type { RequestChannel, RequestOutcome } from '../ua/request-outcome.js';
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
  /** The REGISTER under way, so `close()` can let it settle before unregistering. */
  #current: Promise<void> | undefined;
  /** `setExtraHeaders`: on every REGISTER from now on, un-REGISTER included. */
  #extraHeaders: readonly string[] = [];
  /** `setExtraContactParams`: appended to our REGISTER Contact. */
  #contactParams: ContactParams = {};

  constructor(context: RegistratorContext) {
    this.#context = context;
    this.#expires = context.expires;
    this.#refresh = new SingleTimer(context.clock);
  }

  get registered(): boolean {
    return this.#registered;
  }

  /**
   * Headers for every later REGISTER, refreshes and un-REGISTER included (e.g. what a push
   * service needs); replaces the previous set. Each is a `Name: value` line.
   */
  setExtraHeaders(headers: readonly string[]): void {
    this.#extraHeaders = [...headers];
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
  }

  /** Registers now (or right after a REGISTER already under way), and keeps refreshing. */
  register(extraHeaders: readonly string[] = []): void {
    if (this.#closed) return;
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
    if (this.#inFlight) {
      this.#again = options;
      return Promise.resolve();
    }
    return this.#send(0, options.extraHeaders ?? [], options.all === true);
  }

  /** The connection dropped: the binding can no longer be relied on (the proxy forgets its flow). */
  connectionLost(): void {
    this.#refresh.cancel();
    if (!this.#registered) return;
    this.#registered = false;
    this.#context.events.emit('unregistered', { cause: Causes.CONNECTION_ERROR });
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
    while (this.#inFlight && this.#current !== undefined) await this.#current;
    this.#refresh.cancel();
    if (this.#registered) await this.#send(0, [], false);
    this.#refresh.cancel();
  }

  #send(expires: number, extraHeaders: readonly string[], all: boolean): Promise<void> {
    const sending = this.#sendOnce(expires, extraHeaders, all);
    this.#current = sending;
    return sending;
  }

  async #sendOnce(expires: number, extraHeaders: readonly string[], all: boolean): Promise<void> {
    this.#inFlight = true;
    const { factory, identity, registrar } = this.#context;
    const request = factory.outOfDialog({
      method: 'REGISTER',
      ruri: registrar,
      to: identity.addressHeader(),
      callId: this.#callId,
      cseq: ++this.#cseq,
      fromTag: randomToken(10) + (expires > 0 ? (this.#context.fromTagTrail?.() ?? '') : ''),
      contact: all ? '*' : identity.registerContact(expires, this.#contactParams),
      headers: [
        ['Expires', String(expires)],
        ['Supported', 'path, gruu, outbound'],
      ],
      extraHeaders: [...this.#extraHeaders, ...extraHeaders],
    });
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

  #registeredOrFailed(outcome: RequestOutcome, extraHeaders: readonly string[]): void {
    if (outcome.kind !== 'response') {
      return this.#failed(
        undefined,
        outcome.kind === 'timeout' ? Causes.REQUEST_TIMEOUT : Causes.CONNECTION_ERROR,
      );
    }
    const { response } = outcome;
    if (response.status === 423) return this.#intervalTooBrief(response, extraHeaders);
    if (response.status >= 300) return this.#failed(response, causeOfStatus(response.status));
    const granted = grantedBinding(response, this.#context.identity, this.#expires);
    if (granted.expires === 0) return this.#failed(response, Causes.EXPIRES);
    this.#context.identity.pubGruu = granted.pubGruu;
    this.#context.identity.tempGruu = granted.tempGruu;
    this.#refresh.schedule(registrationRefreshDelay(granted.expires), () => this.#expiring());
    this.#registered = true;
    this.#context.events.emit('registered', { response });
  }

  // RFC 3261 §10.2.8: retry once with the registrar's minimum; a second 423 is a failure.
  #intervalTooBrief(response: IncomingResponse, extraHeaders: readonly string[]): void {
    const minimum = response.parsed('min-expires');
    if (minimum === undefined || minimum <= this.#expires) {
      return this.#failed(response, causeOfStatus(423));
    }
    this.#expires = minimum;
    void this.#send(this.#expires, extraHeaders, false);
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
