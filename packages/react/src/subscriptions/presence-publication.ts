import { buildPresence, publisher, type Publisher, type UA } from '@sipkit/core';
import type { SipClient } from '../client/sip-client.js';
import type { SipState } from '../store/sip-state.js';
import {
  emptySubscriptionsState,
  type PresenceStatus,
  type PublishedPresenceState,
} from './subscription-state.js';

const publications = new WeakMap<SipClient, PresencePublication>();

/** The publication of `client`, made on first use. */
export function presencePublicationOf(client: SipClient): PresencePublication {
  let publication = publications.get(client);
  if (publication === undefined) {
    publication = new PresencePublication(client);
    publications.set(client, publication);
  }
  return publication;
}

/**
 * Our own presence, published (RFC 3903) to our AOR's state server on the provider's running UA:
 * the last status is published again on the next UA when the provider replaces it, and removed
 * (`Expires: 0`, §4.5) when the last component holding it unmounts, a microtask later so that
 * StrictMode's remount keeps it.
 */
export class PresencePublication {
  readonly #client: SipClient;
  #refs = 0;
  #status: PresenceStatus | undefined;
  #publisher: Publisher | undefined;
  #ua: UA | undefined;
  #unsubscribeUa: (() => void) | undefined;

  constructor(client: SipClient) {
    this.#client = client;
  }

  /** Holds the publication; returns the release (safe to call twice). */
  acquire(): () => void {
    this.#refs += 1;
    this.#unsubscribeUa ??= this.#client.subscribeUa(() => this.#uaChanged());
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#refs -= 1;
      if (this.#refs === 0) queueMicrotask(() => this.#dropIfUnheld());
    };
  }

  /** Publishes `status` (modifying what is published, §4.3); resolves once answered. */
  async publish(status: PresenceStatus): Promise<void> {
    this.#status = status;
    await this.#send();
  }

  /** Removes what we published; later `publish()` starts a new publication. */
  async unpublish(): Promise<void> {
    this.#status = undefined;
    const current = this.#publisher;
    this.#set({
      status: 'unpublished',
      presence: undefined,
      cause: undefined,
      statusCode: undefined,
    });
    await current?.unpublish();
  }

  async #send(): Promise<void> {
    const ua = this.#client.ua;
    const status = this.#status;
    if (status === undefined) return;
    if (ua === undefined) {
      // Published once a UA runs (#uaChanged).
      this.#set({
        status: 'unpublished',
        presence: status,
        cause: undefined,
        statusCode: undefined,
      });
      return;
    }
    if (this.#ua !== ua || this.#publisher === undefined) {
      this.#ua = ua;
      this.#publisher = publisher(ua, ua.configuration.uri, 'presence');
    }
    this.#set({ status: 'publishing', presence: status, cause: undefined, statusCode: undefined });
    const body = buildPresence({ entity: ua.configuration.uri, ...status });
    const result = await this.#publisher.publish(body);
    // A later publish or unpublish owns the state now.
    if (this.#status !== status) return;
    this.#set(
      result.ok
        ? { status: 'published', presence: status, cause: undefined, statusCode: undefined }
        : {
            status: 'failed',
            presence: status,
            cause: result.cause,
            statusCode: result.response?.status,
          },
    );
  }

  #uaChanged(): void {
    if (this.#client.ua === this.#ua) return;
    // The old UA's stop removes its publication (RFC 3903 §4.5); publish again on the new one.
    this.#publisher = undefined;
    this.#ua = undefined;
    void this.#send();
  }

  #dropIfUnheld(): void {
    if (this.#refs > 0) return;
    this.#unsubscribeUa?.();
    this.#unsubscribeUa = undefined;
    if (this.#status !== undefined) void this.unpublish();
    this.#publisher = undefined;
    this.#ua = undefined;
  }

  #set(published: PublishedPresenceState): void {
    this.#client.store.setState((state: SipState) => ({
      subscriptions: {
        ...(state.subscriptions ?? emptySubscriptionsState()),
        publishedPresence: published,
      },
    }));
  }
}
