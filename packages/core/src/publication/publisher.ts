import type { HeaderEntry, IncomingResponse } from '../message/index.js';
import { newCallId, newTag } from '../transaction/index.js';
import { TypedEmitter, type Clock, type Listener } from '../transport/index.js';
import { causeOfStatus, Causes, type Cause } from '../ua/causes.js';
import type { ConnectionWait } from '../ua/connection-wait.js';
import type { RequestOutcome } from '../ua/request-outcome.js';
import type { ExtensionParts } from '../ua/user-agent-extension.js';
import { refreshDelay } from '../subscription/refresh-timing.js';

/** Options of a publisher. */
export interface PublisherOptions {
  /** Requested lifetime of the published state in seconds (RFC 3903 §4.1); default 3600. */
  readonly expires?: number;
  /** Content-Type of the bodies; default `application/pidf+xml`. */
  readonly contentType?: string;
  /** `Name: value` lines added to every PUBLISH. */
  readonly extraHeaders?: readonly string[];
}

/** Where a publisher is. */
export type PublisherState = 'unpublished' | 'publishing' | 'published' | 'terminated';

/** How one PUBLISH ended. */
export type PublishResult =
  | { readonly ok: true; readonly response: IncomingResponse }
  | { readonly ok: false; readonly cause: Cause; readonly response?: IncomingResponse };

/** What a publisher reports. */
export interface PublisherEvents {
  /** The state server holds our state (2xx): its entity tag and the lifetime granted. */
  published: { readonly etag: string; readonly expires: number };
  /** A PUBLISH (initial, modify or refresh) failed; the publication is gone. */
  failed: { readonly cause: Cause; readonly response: IncomingResponse | undefined };
  /** `unpublish()` (or `ua.stop()`) removed the state. */
  unpublished: undefined;
}

/** What a publisher is made from (see `publisher()`). */
export interface PublisherInit {
  readonly parts: ExtensionParts;
  /** A PUBLISH made before the UA's first connection waits for it. */
  readonly connection: ConnectionWait;
  readonly clock: Clock;
  readonly target: string;
  readonly eventValue: string;
  readonly options: PublisherOptions;
  readonly ended: (publisher: Publisher) => void;
}

const DEFAULT_PUBLISH_EXPIRES = 3600;

/**
 * Event state publication (RFC 3903) for one event package at one resource: `publish(body)`
 * sends the initial PUBLISH and later modifies it (`SIP-If-Match` with the entity tag), the
 * state is refreshed before it expires (`SIP-If-Match`, no body, §4.4), `unpublish()` removes it
 * (`Expires: 0`, §4.5), 412 starts over with the full body (§6), 423 retries with `Min-Expires`.
 * `ua.stop()` unpublishes.
 *
 * @example
 * const presence = publisher(ua, 'sip:alice@example.com', 'presence');
 * await presence.publish(buildPresence({ entity: 'sip:alice@example.com', open: true, activities: ['on-the-phone'] }));
 * await presence.unpublish();
 */
export class Publisher {
  readonly #init: PublisherInit;
  readonly #events: TypedEmitter<PublisherEvents>;
  readonly #callId = newCallId();
  readonly #fromTag = newTag();
  #cseq = 0;
  #etag: string | undefined;
  #body: string | undefined;
  #expires: number;
  #state: PublisherState = 'unpublished';
  #timer: unknown;

  /** @internal Made by `publisher()`. */
  constructor(init: PublisherInit) {
    this.#init = init;
    this.#expires = init.options.expires ?? DEFAULT_PUBLISH_EXPIRES;
    this.#events = new TypedEmitter((error, event) =>
      init.parts.logger.error(`publisher: a "${event}" listener threw`, error),
    );
  }

  get state(): PublisherState {
    return this.#state;
  }

  /** The entity tag the state server gave the current publication (`SIP-ETag`, §11.3.1). */
  get etag(): string | undefined {
    return this.#etag;
  }

  /** Publishes `body`: the initial state, or a modification of the published one (§4.3). */
  publish(body: string): Promise<PublishResult> {
    if (this.#state === 'terminated') throw new Error('cannot publish: the UA stopped');
    this.#body = body;
    return this.#send(body, this.#expires);
  }

  /** Removes the published state (RFC 3903 §4.5); resolves at once when nothing is published. */
  async unpublish(): Promise<PublishResult | undefined> {
    this.#clearTimer();
    this.#body = undefined;
    if (this.#etag === undefined) return undefined;
    const result = await this.#send(undefined, 0);
    this.#etag = undefined;
    if (this.#state !== 'terminated') this.#state = 'unpublished';
    this.#events.emit('unpublished', undefined);
    return result;
  }

  on<K extends keyof PublisherEvents>(
    event: K,
    listener: Listener<PublisherEvents[K]>,
  ): () => void {
    return this.#events.on(event, listener);
  }

  off<K extends keyof PublisherEvents>(event: K, listener: Listener<PublisherEvents[K]>): void {
    this.#events.off(event, listener);
  }

  /** @internal `ua.stop()`: unpublish, then nothing more. */
  async close(): Promise<void> {
    await this.unpublish();
    this.discard();
  }

  /** @internal */
  discard(): void {
    this.#clearTimer();
    this.#state = 'terminated';
    this.#init.ended(this);
  }

  async #send(body: string | undefined, expires: number): Promise<PublishResult> {
    const { parts, connection, target, eventValue, options } = this.#init;
    this.#clearTimer();
    if (expires > 0) this.#state = 'publishing';
    // Published before the first connection (e.g. before `ua.start()`): sent once connected;
    // a UA that stops first or does not connect within Timer F fails it as a lost connection.
    const ready = connection.ready();
    if (ready !== true && (await ready) !== 'connected') {
      return this.#failed(Causes.CONNECTION_ERROR, undefined);
    }
    const headers: HeaderEntry[] = [
      ['Event', eventValue],
      ['Expires', String(expires)],
    ];
    // §4.3-§4.5: refresh, modify and remove name the publication by its entity tag.
    if (this.#etag !== undefined) headers.push(['SIP-If-Match', this.#etag]);
    const request = parts.factory.outOfDialog({
      method: 'PUBLISH',
      ruri: target,
      callId: this.#callId,
      cseq: ++this.#cseq,
      fromTag: this.#fromTag,
      headers,
      ...(options.extraHeaders === undefined ? {} : { extraHeaders: options.extraHeaders }),
      ...(body === undefined
        ? {}
        : { body, contentType: options.contentType ?? 'application/pidf+xml' }),
    });
    const outcome = await parts.channel.send(request);
    this.#cseq = Math.max(this.#cseq, outcome.cseq);
    return this.#answered(outcome, body, expires);
  }

  #answered(
    outcome: RequestOutcome,
    body: string | undefined,
    expires: number,
  ): Promise<PublishResult> | PublishResult {
    if (outcome.kind !== 'response') {
      const cause = outcome.kind === 'timeout' ? Causes.REQUEST_TIMEOUT : Causes.CONNECTION_ERROR;
      return this.#failed(cause, undefined);
    }
    const { response } = outcome;
    if (expires === 0) return resultOf(response);
    // §6: the state server no longer knows our entity tag; publish the whole state again.
    if (response.status === 412 && this.#etag !== undefined && this.#body !== undefined) {
      this.#etag = undefined;
      return this.#send(this.#body, this.#expires);
    }
    const minimum = response.parsed('min-expires');
    if (response.status === 423 && minimum !== undefined && minimum > this.#expires) {
      this.#expires = minimum;
      return this.#send(body ?? this.#body, this.#expires);
    }
    if (response.status >= 300) return this.#failed(causeOfStatus(response.status), response);
    // §11.3.1: a 2xx without SIP-ETag leaves nothing to refresh, modify or remove.
    const etag = response.header('sip-etag');
    if (etag === undefined) return this.#failed(Causes.SIP_FAILURE_CODE, response);
    const granted = response.parsed('expires') ?? expires;
    this.#etag = etag;
    this.#state = 'published';
    this.#timer = this.#init.clock.setTimeout(
      () => void this.#send(undefined, this.#expires),
      refreshDelay(granted),
    );
    this.#events.emit('published', { etag, expires: granted });
    return { ok: true, response };
  }

  #failed(cause: Cause, response: IncomingResponse | undefined): PublishResult {
    this.#etag = undefined;
    if (this.#state !== 'terminated') this.#state = 'unpublished';
    this.#events.emit('failed', { cause, response });
    return response === undefined ? { ok: false, cause } : { ok: false, cause, response };
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#init.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

function resultOf(response: IncomingResponse): PublishResult {
  if (response.status < 300) return { ok: true, response };
  return { ok: false, cause: causeOfStatus(response.status), response };
}
