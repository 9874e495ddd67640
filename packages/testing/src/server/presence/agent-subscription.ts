import {
  formatUri,
  type HeaderEntry,
  type IncomingRequest,
  type OutgoingRequest,
} from '@sipkit/core';
import { randomToken } from '../random-token.js';

/** The event packages the presence agent serves. */
export type AgentEventPackage = 'presence' | 'dialog' | 'message-summary';

/** How a subscription's state is told in `Subscription-State` (RFC 6665 §8.2.3). */
export type AgentSubscriptionState =
  | { readonly state: 'active' }
  | { readonly state: 'terminated'; readonly reason: 'timeout' | 'noresource' | 'deactivated' };

/**
 * One subscription the presence agent is the notifier of (RFC 6665 §4.2): the dialog the
 * SUBSCRIBE made (its Call-ID, the subscriber's From with tag, our To tag, route set and remote
 * target), the connection it lives on, its expiry, and the NOTIFYs it sends (CSeq counting up).
 *
 * @example const notify = subscription.notify({ state: 'active' }, body, 'application/pidf+xml');
 */
export class AgentSubscription {
  readonly key: string;
  readonly callId: string;
  readonly localTag = randomToken(10);
  readonly remoteTag: string;
  readonly connectionId: string;
  /** The watched resource, `user@host`. */
  readonly aor: string;
  readonly event: AgentEventPackage;
  readonly eventId: string | undefined;
  /** The last body sent, so a change that changes nothing sends nothing. */
  lastBody: string | undefined;
  /** RFC 4235 §4.1: dialog-info versions count up per subscription. */
  version = 0;
  expiresAt = 0;
  timer: ReturnType<typeof setTimeout> | undefined;
  #remoteTarget: string;
  #cseq = 0;
  readonly #subscriberFrom: string;
  readonly #resource: string;
  readonly #routeSet: readonly string[];
  readonly #host: string;

  constructor(
    request: IncomingRequest,
    init: { connectionId: string; aor: string; event: AgentEventPackage; host: string },
  ) {
    this.callId = request.callId;
    this.remoteTag = request.from.tag ?? '';
    this.connectionId = init.connectionId;
    this.aor = init.aor;
    this.event = init.event;
    this.eventId = request.parsed('event')?.id;
    this.#host = init.host;
    this.#subscriberFrom = request.header('from') ?? '';
    this.#resource = request.header('to') ?? '';
    // RFC 3261 §12.1.1: the notifier's route set is the SUBSCRIBE's Record-Route, in order.
    this.#routeSet = request.rawHeaders.filter((h) => h.key === 'record-route').map((h) => h.value);
    this.#remoteTarget = targetOf(request) ?? formatUri(request.from.uri);
    this.key = subscriptionKey(this.callId, this.localTag, this.remoteTag);
  }

  /** A refresh may move the remote target (RFC 6665 §4.2.1.1). */
  refreshed(request: IncomingRequest): void {
    this.#remoteTarget = targetOf(request) ?? this.#remoteTarget;
  }

  /** The `Contact` of our 2xx: the proxy itself, so refreshes come back to the agent. */
  get contact(): string {
    return `<sip:${this.#host};transport=ws>`;
  }

  /** Seconds left, for `Subscription-State: active;expires=` (RFC 6665 §4.2.2). */
  secondsLeft(now: number): number {
    return Math.max(0, Math.ceil((this.expiresAt - now) / 1000));
  }

  /** A NOTIFY on this subscription's dialog; `branch` is its Via branch, for its response. */
  notify(
    state: AgentSubscriptionState,
    now: number,
    body: string | undefined,
    contentType: string,
  ): { request: OutgoingRequest; branch: string } {
    const branch = `z9hG4bK${randomToken(16)}`;
    const subscriptionState =
      state.state === 'active'
        ? `active;expires=${this.secondsLeft(now)}`
        : `terminated;reason=${state.reason}`;
    const headers: HeaderEntry[] = [
      ['Via', `SIP/2.0/WS ${this.#host};branch=${branch}`],
      ['Max-Forwards', '70'],
      ...this.#routeSet.map((route): HeaderEntry => ['Route', route]),
      ['To', this.#subscriberFrom],
      ['From', `${this.#resource};tag=${this.localTag}`],
      ['Call-ID', this.callId],
      ['CSeq', `${++this.#cseq} NOTIFY`],
      ['Contact', this.contact],
      ['Event', this.eventId === undefined ? this.event : `${this.event};id=${this.eventId}`],
      ['Subscription-State', subscriptionState],
    ];
    if (body !== undefined) headers.push(['Content-Type', contentType]);
    return {
      request: { method: 'NOTIFY', ruri: this.#remoteTarget, headers, body: body ?? '' },
      branch,
    };
  }
}

/** How subscriptions are found again: Call-ID, our tag, the subscriber's tag (RFC 6665 §4.1.2). */
export function subscriptionKey(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}\n${localTag}\n${remoteTag}`;
}

function targetOf(request: IncomingRequest): string | undefined {
  const contact = request.parsed('contact')?.contacts[0];
  return contact === undefined ? undefined : formatUri(contact.uri);
}
