import {
  buildDialogInfo,
  buildMessageSummary,
  buildPresence,
  createResponse,
  DIALOG_INFO_CONTENT_TYPE,
  EventBodyError,
  MESSAGE_SUMMARY_CONTENT_TYPE,
  parsePresence,
  PIDF_CONTENT_TYPE,
  type HeaderEntry,
  type IncomingRequest,
  type IncomingResponse,
  type OutgoingRequest,
  type OutgoingResponse,
  type SipUri,
} from '@sipkit/core';
import type { ServerConnection } from '../../network/server-connection.js';
import { BoundedMap } from '../bounded-map.js';
import {
  AgentSubscription,
  subscriptionKey,
  type AgentEventPackage,
  type AgentSubscriptionState,
} from './agent-subscription.js';
import { CallDialogs, type CallParty } from './call-dialogs.js';
import {
  checkMessageWaiting,
  type MessageWaitingCounts,
  type PresenceAgentOptions,
} from './presence-agent-options.js';
import { PublicationStore } from './publication-store.js';

/** The bounds on what the agent keeps (part of `SipProxyLimits`). */
export interface PresenceAgentLimits {
  readonly maxSubscriptions: number;
  readonly maxSubscriptionsPerConnection: number;
  readonly maxPublications: number;
}

/** What the agent needs from the proxy it runs in. */
export interface PresenceAgentHost {
  readonly host: string;
  readonly limits: PresenceAgentLimits;
  now(): number;
  /** Sends a request the agent made (a NOTIFY) on a connection; false when it is gone. */
  send(connectionId: string, request: OutgoingRequest): boolean;
  respond(connection: ServerConnection, response: OutgoingResponse): void;
  isRegistered(aor: string): boolean;
  /** When the AOR's next binding expires (ms since the epoch), if it has any. */
  nextExpiry(aor: string): number | undefined;
  /** True for a URI in a domain the proxy serves. */
  isLocal(uri: SipUri): boolean;
  warn(line: string): void;
}

const PACKAGES: Readonly<Record<AgentEventPackage, string>> = {
  presence: PIDF_CONTENT_TYPE,
  dialog: DIALOG_INFO_CONTENT_TYPE,
  'message-summary': MESSAGE_SUMMARY_CONTENT_TYPE,
};
const ALLOW_EVENTS = Object.keys(PACKAGES).join(', ');
/** RFC 3856 §6.4, RFC 4235 §3.3, RFC 3842 §4.2 suggest an hour; RFC 3903 §4.1 too. */
const DEFAULT_EXPIRES = 3600;
/** Calls remembered for busy lamps; past it the oldest is forgotten (its lamps go idle). */
export const MAX_TRACKED_CALLS = 1024;

const isPackage = (type: string): type is AgentEventPackage => Object.hasOwn(PACKAGES, type);
const aorOf = (uri: SipUri): string => `${uri.user ?? ''}@${uri.host.toLowerCase()}`;

/**
 * A presence agent inside the proxy (RFC 6665 notifier, RFC 3903 state agent): it answers
 * SUBSCRIBE for `presence` (RFC 3856; PUBLISHed PIDF, else open while registered), `dialog`
 * (RFC 4235; from the calls the proxy carries, for busy lamps) and `message-summary` (RFC 3842;
 * counts set by the app) of the proxy's AORs, and PUBLISH of presence. Bodies come from the
 * core's builders. Every count is bounded by `PresenceAgentLimits`.
 *
 * @example
 * const server = new SipProxyServer({ presence: { messageWaiting: { alice: { new: 2, old: 5 } } } });
 * server.presence?.setMessageWaiting('alice', { new: 3, old: 5 });
 */
export class PresenceAgent {
  readonly #host: PresenceAgentHost;
  readonly #minExpires: number;
  readonly #maxExpires: number;
  readonly #subscriptions = new Map<string, AgentSubscription>();
  /** Branch of each NOTIFY in flight -> its subscription, for the answer. */
  readonly #notifies = new BoundedMap<string, string>(4096);
  readonly #publications: PublicationStore;
  readonly #calls: CallDialogs;
  readonly #mailboxes = new Map<string, MessageWaitingCounts>();
  readonly #registrationTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(host: PresenceAgentHost, options: PresenceAgentOptions = {}) {
    this.#host = host;
    this.#minExpires = options.minExpires ?? 60;
    this.#maxExpires = options.maxExpires ?? 3600;
    this.#publications = new PublicationStore(host.limits.maxPublications, host.now, (aor) =>
      this.#changed(aor, ['presence']),
    );
    this.#calls = new CallDialogs(MAX_TRACKED_CALLS, (aor) =>
      this.#changed(aor, ['dialog', 'presence']),
    );
    for (const [user, counts] of Object.entries(options.messageWaiting ?? {})) {
      checkMessageWaiting(user, counts);
      this.#mailboxes.set(user, { new: counts.new, old: counts.old });
    }
  }

  /** Subscriptions the agent serves now. */
  get subscriptionCount(): number {
    return this.#subscriptions.size;
  }

  /** Live publications (PUBLISHed presence not yet expired or removed). */
  get publicationCount(): number {
    return this.#publications.size;
  }

  /**
   * Sets (or with `undefined` clears) a user's voicemail counts and NOTIFYs every subscriber of
   * that user's `message-summary`. Throws `MessageWaitingError` for counts that are not whole.
   *
   * @example server.presence?.setMessageWaiting('alice', { new: 1, old: 0 })
   */
  setMessageWaiting(user: string, counts: MessageWaitingCounts | undefined): void {
    if (counts === undefined) this.#mailboxes.delete(user);
    else {
      checkMessageWaiting(user, counts);
      this.#mailboxes.set(user, { new: counts.new, old: counts.old });
    }
    for (const subscription of [...this.#subscriptions.values()]) {
      if (subscription.event === 'message-summary' && userOf(subscription.aor) === user)
        this.#notify(subscription, { state: 'active' }, false);
    }
  }

  /** A user's voicemail counts, zero when none were set. */
  messageWaiting(user: string): MessageWaitingCounts {
    return this.#mailboxes.get(user) ?? { new: 0, old: 0 };
  }

  /**
   * True for what the agent answers: PUBLISH and initial SUBSCRIBE to a local AOR, and
   * SUBSCRIBE refreshes of its subscriptions (or addressed to the proxy itself, 481 when unknown).
   */
  takes(request: IncomingRequest, isSelf: (uri: SipUri) => boolean): boolean {
    if (request.method !== 'SUBSCRIBE' && request.method !== 'PUBLISH') return false;
    const ruri = request.ruri;
    if (request.to.tag === undefined)
      return ruri.scheme !== 'tel' && ruri.user !== undefined && this.#host.isLocal(ruri);
    if (request.method === 'PUBLISH') return false;
    const key = subscriptionKey(request.callId, request.to.tag, request.from.tag ?? '');
    return this.#subscriptions.has(key) || (isSelf(ruri) && ruri.user === undefined);
  }

  handle(connection: ServerConnection, request: IncomingRequest): void {
    if (request.method === 'PUBLISH') this.#publish(connection, request);
    else this.#subscribe(connection, request);
  }

  /** True when the response answers a NOTIFY of ours (and is then consumed). */
  responseReceived(response: IncomingResponse): boolean {
    if (response.cseq.method !== 'NOTIFY') return false;
    const top = response.via[0];
    if (top?.host.toLowerCase() !== this.#host.host.toLowerCase()) return false;
    const key = this.#notifies.get(top.branch ?? '');
    if (key === undefined) return false;
    if (response.status < 200) return true;
    this.#notifies.deleteWhere((_, branch) => branch === top.branch);
    // RFC 6665 §4.2.2: a NOTIFY refused (481 above all) ends the subscription.
    const subscription = this.#subscriptions.get(key);
    if (response.status >= 300 && subscription !== undefined) this.#forget(subscription);
    return true;
  }

  /** An INVITE of a new call went on to `callee` (undefined when not an AOR of ours). */
  callStarted(invite: IncomingRequest, callee: SipUri | undefined, connectionId: string): void {
    const caller = this.#host.isLocal(invite.from.uri)
      ? partyOf(invite.from.uri, invite.from.displayName)
      : undefined;
    const called = callee === undefined ? undefined : partyOf(callee, invite.to.displayName);
    this.#calls.started(
      { callId: invite.callId, fromTag: invite.from.tag },
      caller,
      called,
      connectionId,
    );
  }

  callProgressed(response: IncomingResponse, connectionId: string): void {
    const state = response.status < 200 ? 'early' : 'confirmed';
    this.#calls.progressed(response.callId, state, response.to.tag, connectionId);
  }

  /** The call is over; with `connectionId`, only when that is one of the call's own (a BYE). */
  callEnded(callId: string, connectionId?: string): void {
    this.#calls.ended(callId, connectionId);
  }

  /** Registrations of the AOR changed (REGISTER, un-REGISTER, a closed connection). */
  registrationChanged(aor: string): void {
    this.#changed(aor, ['presence']);
    this.#watchRegistration(aor);
  }

  /** The connection is gone: its subscriptions and calls with it (RFC 5626 §5.3). */
  connectionClosed(connectionId: string): void {
    for (const subscription of [...this.#subscriptions.values()])
      if (subscription.connectionId === connectionId) this.#forget(subscription);
    this.#calls.connectionClosed(connectionId);
  }

  /** Stops every timer and forgets every subscription and publication. */
  close(): void {
    for (const subscription of this.#subscriptions.values()) clearTimeout(subscription.timer);
    this.#subscriptions.clear();
    for (const timer of this.#registrationTimers.values()) clearTimeout(timer);
    this.#registrationTimers.clear();
    this.#publications.close();
  }

  #subscribe(connection: ServerConnection, request: IncomingRequest): void {
    const event = request.parsed('event');
    // RFC 6665 §4.2.1.1 / §8.2.2: a package we do not serve is 489, telling the ones we do.
    if (event === undefined || !isPackage(event.type))
      return this.#refuse(connection, request, 489, 'Bad Event', [['Allow-Events', ALLOW_EVENTS]]);
    const contentType = PACKAGES[event.type];
    if (!accepts(request, contentType))
      return this.#refuse(connection, request, 406, 'Not Acceptable', [['Accept', contentType]]);
    const inDialog = request.to.tag !== undefined;
    const existing = inDialog
      ? this.#subscriptions.get(
          subscriptionKey(request.callId, request.to.tag ?? '', request.from.tag ?? ''),
        )
      : undefined;
    if (inDialog && existing === undefined)
      return this.#refuse(connection, request, 481, 'Subscription Does Not Exist');
    if (request.from.tag === undefined)
      return this.#refuse(connection, request, 400, 'No From Tag');
    const asked = request.parsed('expires') ?? DEFAULT_EXPIRES;
    // RFC 6665 §4.2.1.1: too brief is 423 with the shortest we take.
    if (asked !== 0 && asked < this.#minExpires)
      return this.#refuse(connection, request, 423, 'Interval Too Brief', [
        ['Min-Expires', String(this.#minExpires)],
      ]);
    const expires = Math.min(asked, this.#maxExpires);
    if (existing === undefined && expires > 0 && !this.#roomFor(connection)) {
      return this.#refuse(connection, request, 503, 'Too Many Subscriptions');
    }
    const subscription =
      existing ??
      new AgentSubscription(request, {
        connectionId: connection.id,
        aor: aorOf(request.ruri),
        event: event.type,
        host: this.#host.host,
      });
    subscription.refreshed(request);
    this.#host.respond(
      connection,
      createResponse(request, 200, undefined, {
        toTag: subscription.localTag,
        headers: [
          ['Expires', String(expires)],
          ['Contact', subscription.contact],
        ],
      }),
    );
    clearTimeout(subscription.timer);
    if (expires === 0) {
      // RFC 6665 §4.2.1.4: an unsubscribe (or a fetch) gets the state in a final NOTIFY.
      this.#notify(subscription, { state: 'terminated', reason: 'timeout' }, true);
      return this.#forget(subscription);
    }
    subscription.expiresAt = this.#host.now() + expires * 1000;
    subscription.timer = setTimeout(() => this.#expired(subscription), expires * 1000);
    this.#subscriptions.set(subscription.key, subscription);
    if (subscription.event === 'presence') this.#watchRegistration(subscription.aor);
    // RFC 6665 §4.2.1.2: every accepted SUBSCRIBE, refreshes included, gets a NOTIFY at once.
    this.#notify(subscription, { state: 'active' }, true);
  }

  #roomFor(connection: ServerConnection): boolean {
    const { maxSubscriptions, maxSubscriptionsPerConnection } = this.#host.limits;
    if (this.#subscriptions.size >= maxSubscriptions) {
      this.#host.warn(
        `! ${connection.id} SUBSCRIBE refused: ${this.#subscriptions.size} subscriptions, the limit (maxSubscriptions) is ${maxSubscriptions}`,
      );
      return false;
    }
    let mine = 0;
    for (const s of this.#subscriptions.values()) if (s.connectionId === connection.id) mine++;
    if (mine >= maxSubscriptionsPerConnection) {
      this.#host.warn(
        `! ${connection.id} SUBSCRIBE refused: ${mine} subscriptions on this connection, the limit (maxSubscriptionsPerConnection) is ${maxSubscriptionsPerConnection}`,
      );
      return false;
    }
    return true;
  }

  #publish(connection: ServerConnection, request: IncomingRequest): void {
    const event = request.parsed('event');
    if (event?.type !== 'presence')
      return this.#refuse(connection, request, 489, 'Bad Event', [['Allow-Events', 'presence']]);
    const aor = aorOf(request.ruri);
    // A user publishes their own presence only (RFC 3903 §6 step 2, authorization).
    if (request.from.uri.scheme === 'tel' || aorOf(request.from.uri) !== aor)
      return this.#refuse(connection, request, 403, 'Publish Only Your Own Presence');
    const body = request.body === '' ? undefined : request.body;
    if (body !== undefined && !isPidf(request))
      return this.#refuse(connection, request, 415, 'Unsupported Media Type', [
        ['Accept', PIDF_CONTENT_TYPE],
      ]);
    if (body !== undefined && !readable(body))
      return this.#refuse(connection, request, 400, 'Malformed PIDF');
    const asked = request.parsed('expires') ?? DEFAULT_EXPIRES;
    if (asked !== 0 && asked < this.#minExpires)
      return this.#refuse(connection, request, 423, 'Interval Too Brief', [
        ['Min-Expires', String(this.#minExpires)],
      ]);
    const outcome = this.#publications.publish({
      aor,
      ifMatch: request.header('sip-if-match')?.trim(),
      expires: Math.min(asked, this.#maxExpires),
      body,
    });
    if (outcome.kind === 'refused') {
      if (outcome.status === 503)
        this.#host.warn(
          `! ${connection.id} PUBLISH refused: the limit (maxPublications) is ${this.#host.limits.maxPublications}`,
        );
      return this.#refuse(connection, request, outcome.status, outcome.reason);
    }
    const headers: HeaderEntry[] =
      outcome.kind === 'published'
        ? [
            ['SIP-ETag', outcome.etag],
            ['Expires', String(outcome.expires)],
          ]
        : [['Expires', '0']];
    this.#host.respond(connection, createResponse(request, 200, undefined, { headers }));
  }

  #expired(subscription: AgentSubscription): void {
    // RFC 6665 §4.2.2: a subscription not refreshed in time ends with reason=timeout.
    this.#notify(subscription, { state: 'terminated', reason: 'timeout' }, true);
    this.#forget(subscription);
  }

  #forget(subscription: AgentSubscription): void {
    clearTimeout(subscription.timer);
    this.#subscriptions.delete(subscription.key);
    if (subscription.event === 'presence') this.#watchRegistration(subscription.aor);
  }

  #changed(aor: string, events: readonly AgentEventPackage[]): void {
    for (const subscription of [...this.#subscriptions.values()])
      if (subscription.aor === aor && events.includes(subscription.event))
        this.#notify(subscription, { state: 'active' }, false);
  }

  /** NOTIFYs the current state; unless `always`, only when it differs from the last one sent. */
  #notify(subscription: AgentSubscription, state: AgentSubscriptionState, always: boolean): void {
    const body = this.#stateOf(subscription);
    if (!always && body === subscription.lastBody) return;
    subscription.lastBody = body;
    const versioned =
      subscription.event === 'dialog'
        ? this.#dialogInfo(subscription.aor, subscription.version++)
        : body;
    const { request, branch } = subscription.notify(
      state,
      this.#host.now(),
      versioned,
      PACKAGES[subscription.event],
    );
    this.#notifies.set(branch, subscription.key);
    if (!this.#host.send(subscription.connectionId, request)) this.#forget(subscription);
  }

  /** The resource's state as a body; for `dialog`, at version 0 (the real one is set per NOTIFY). */
  #stateOf(subscription: AgentSubscription): string {
    const { aor } = subscription;
    switch (subscription.event) {
      case 'presence': {
        const published = this.#publications.stateOf(aor);
        if (published !== undefined) return published;
        // Nothing published: registration state, and on the phone while in a call (RFC 4480).
        return buildPresence({
          entity: `sip:${aor}`,
          open: this.#host.isRegistered(aor),
          ...(this.#calls.inCall(aor) ? { activities: ['on-the-phone'] } : {}),
        });
      }
      case 'dialog':
        return this.#dialogInfo(aor, 0);
      case 'message-summary': {
        const counts = this.messageWaiting(userOf(aor));
        return buildMessageSummary({
          waiting: counts.new > 0,
          account: `sip:${aor}`,
          voice: counts,
        });
      }
    }
  }

  #dialogInfo(aor: string, version: number): string {
    return buildDialogInfo({
      entity: `sip:${aor}`,
      version,
      state: 'full',
      dialogs: this.#calls.dialogsOf(aor),
    });
  }

  /** While someone watches an AOR's presence, its registration's expiry is a change too. */
  #watchRegistration(aor: string): void {
    clearTimeout(this.#registrationTimers.get(aor));
    this.#registrationTimers.delete(aor);
    const watched = [...this.#subscriptions.values()].some(
      (s) => s.aor === aor && s.event === 'presence',
    );
    const expiry = this.#host.nextExpiry(aor);
    if (!watched || expiry === undefined) return;
    const wait = Math.max(0, expiry - this.#host.now()) + 1;
    this.#registrationTimers.set(
      aor,
      setTimeout(() => this.registrationChanged(aor), wait),
    );
  }

  #refuse(
    connection: ServerConnection,
    request: IncomingRequest,
    status: number,
    reason: string,
    headers: HeaderEntry[] = [],
  ): void {
    const toTag = request.to.tag === undefined ? `r${request.cseq.seq}` : undefined;
    this.#host.respond(connection, createResponse(request, status, reason, { toTag, headers }));
  }
}

function userOf(aor: string): string {
  return aor.slice(0, aor.lastIndexOf('@'));
}

function partyOf(uri: SipUri, displayName: string | undefined): CallParty {
  const aor = aorOf(uri);
  return { aor, participant: { identity: `sip:${aor}`, displayName, target: undefined } };
}

function accepts(request: IncomingRequest, contentType: string): boolean {
  const accept = request.headers('accept');
  if (accept.every((value) => value.trim() === '')) return true;
  return accept
    .flatMap((value) => value.split(','))
    .map((type) => type.split(';')[0]?.trim().toLowerCase())
    .some((type) => type === contentType || type === '*/*' || type === 'application/*');
}

function isPidf(request: IncomingRequest): boolean {
  const type = request.parsed('content-type');
  return type?.mediaType.toLowerCase() === PIDF_CONTENT_TYPE;
}

function readable(body: string): boolean {
  try {
    parsePresence(body);
    return true;
  } catch (error) {
    if (error instanceof EventBodyError) return false;
    throw error;
  }
}
