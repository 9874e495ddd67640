import {
  createResponse,
  parseMessage,
  serializeMessage,
  type IncomingRequest,
  type IncomingResponse,
  type OutgoingMessage,
  type SipUri,
} from '@sipkit/core';
import type { ServerConnection, SipServerEndpoint } from '../network/server-connection.js';
import { BoundedMap } from './bounded-map.js';
import { ackFor, cancelFor } from './branch-requests.js';
import { DigestVerifier } from './digest-verifier.js';
import { ForkingTransaction, type ForkBranch } from './forking-transaction.js';
import { LocationService } from './location-service.js';
import { forwardRequest, responseWithoutTopVia } from './message-edit.js';
import { routeRequest, type RoutingContext, type Target } from './proxy-targets.js';
import { randomToken } from './random-token.js';
import { Registrar } from './registrar.js';

/** Settings of the registrar/proxy. Everything is optional. */
export interface SipProxyServerOptions {
  /** The proxy's own host, used in Via and Record-Route (default `sip.test`). */
  readonly host?: string;
  /** Domains it is responsible for (default: any domain). */
  readonly domains?: readonly string[];
  /** user -> password; when given, REGISTER needs digest credentials. */
  readonly users?: Readonly<Record<string, string>>;
  /** Digest realm (default: `host`). */
  readonly realm?: string;
  readonly algorithms?: ReadonlyArray<'MD5' | 'SHA-256'>;
  /** qop offered in challenges (default `auth`). */
  readonly qop?: 'auth' | 'auth-int';
  readonly minExpires?: number;
  readonly maxExpires?: number;
  /** Clock for registration expiry and nonce age (default `Date.now`, so fake timers apply). */
  readonly now?: () => number;
  /** Called with one line per message in and out (the dev server prints these). */
  readonly log?: (line: string) => void;
}

const DIALOG_CREATING = new Set(['INVITE', 'SUBSCRIBE', 'REFER', 'NOTIFY']);
const ALLOW =
  'INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, INFO, UPDATE, REFER, NOTIFY, SUBSCRIBE, REGISTER';

/**
 * A small but correct SIP registrar and stateful forking proxy (RFC 3261 §10, §16) over any
 * message-oriented connections: the in-memory network in tests, real WebSockets in the dev server.
 *
 * @example
 * const server = new SipProxyServer({ users: { alice: 'secret', bob: 'secret' } });
 * const network = new SipNetwork({ endpoint: server });
 */
export class SipProxyServer implements SipServerEndpoint {
  readonly host: string;
  readonly location: LocationService;
  readonly #options: SipProxyServerOptions;
  readonly #registrar: Registrar;
  readonly #connections = new Map<string, ServerConnection>();
  readonly #aliases = new Map<string, string>();
  readonly #knownUsers = new Set<string>();
  readonly #branches = new BoundedMap<string, { tx: ForkingTransaction; branch: ForkBranch }>(4096);
  readonly #transactions = new BoundedMap<string, ForkingTransaction>(2048);
  /** Branches of INVITEs this server rejected itself (407, 404...), whose ACK ends here. */
  readonly #rejectedInvites = new BoundedMap<string, true>(2048);
  readonly #routing: RoutingContext;
  readonly #verifier: DigestVerifier | undefined;

  constructor(options: SipProxyServerOptions = {}) {
    this.#options = options;
    this.host = options.host ?? 'sip.test';
    const now = options.now ?? (() => Date.now());
    this.location = new LocationService(now);
    const verifier = (this.#verifier =
      options.users === undefined
        ? undefined
        : new DigestVerifier(
            {
              users: options.users,
              realm: options.realm ?? this.host,
              ...(options.algorithms ? { algorithms: options.algorithms } : {}),
              ...(options.qop ? { qop: options.qop } : {}),
            },
            now,
          ));
    this.#registrar = new Registrar(
      this.location,
      { minExpires: options.minExpires ?? 10, maxExpires: options.maxExpires ?? 3600, verifier },
      now,
    );
    this.#routing = {
      location: this.location,
      isSelf: (uri) => this.#isSelf(uri),
      isLocalDomain: (host) => this.#isLocalDomain(host),
      connectionFor: (host) => this.#aliases.get(host.toLowerCase()),
      isKnownUser: (aor) => this.#knownUsers.has(aor) || this.#isConfiguredUser(aor),
    };
  }

  connectionOpened(connection: ServerConnection): void {
    this.#connections.set(connection.id, connection);
    this.#log(
      `+ ${connection.id} connected from ${connection.remoteAddress}:${connection.remotePort}`,
    );
  }

  /** How many forwarded transactions the proxy still remembers (for late ACKs, CANCELs, 2xx). */
  get rememberedTransactions(): number {
    return this.#transactions.size;
  }

  connectionClosed(connection: ServerConnection): void {
    this.#connections.delete(connection.id);
    this.location.removeConnection(connection.id);
    for (const [host, id] of this.#aliases) if (id === connection.id) this.#aliases.delete(host);
    this.#failBranchesOn(connection.id);
    // Finished transactions of a caller that is gone can see no late ACK or CANCEL from it:
    // forget them now rather than keep the dead connection (and its UA) reachable until they age out.
    const finishedFrom = (tx: ForkingTransaction): boolean =>
      tx.upstream.id === connection.id && tx.finalSent;
    this.#transactions.deleteWhere(finishedFrom);
    this.#branches.deleteWhere(({ tx }) => finishedFrom(tx));
    this.#log(`- ${connection.id} disconnected`);
  }

  messageReceived(connection: ServerConnection, text: string): void {
    let message: IncomingRequest | IncomingResponse;
    try {
      message = parseMessage(text);
    } catch (error) {
      this.#log(`! ${connection.id} dropped an unparsable message: ${(error as Error).message}`);
      return;
    }
    this.#log(`> ${connection.id} ${summary(message)}`);
    try {
      if (message.kind === 'request') this.#onRequest(connection, message);
      else this.#onResponse(message);
    } catch (error) {
      this.#log(`! ${connection.id} ${(error as Error).message}`);
      if (message.kind === 'request' && message.method !== 'ACK')
        this.#reply(connection, message, 400);
    }
  }

  #onRequest(from: ServerConnection, request: IncomingRequest): void {
    this.#learnContacts(from, request);
    if (request.method === 'ACK') return this.#onAck(from, request);
    if (request.method === 'CANCEL') return this.#onCancel(from, request);
    if (this.#transactions.get(upstreamKey(request)) !== undefined) {
      return this.#log(`  retransmission absorbed`);
    }
    if (request.parsed('max-forwards') === 0) return this.#reply(from, request, 483);
    if (this.#needsProxyAuthentication(request)) return this.#authenticateThenRoute(from, request);
    this.#route(from, request);
  }

  // Like a Kamailio front end: with users configured, a local user's initial requests must carry
  // Proxy-Authorization (RFC 3261 §22.3); in-dialog requests and REGISTER (the registrar's own
  // 401) are not challenged here.
  #needsProxyAuthentication(request: IncomingRequest): boolean {
    if (this.#verifier === undefined || request.method === 'REGISTER') return false;
    return (
      request.to.tag === undefined && this.#isConfiguredUser(`${request.from.uri.user ?? ''}@`)
    );
  }

  #authenticateThenRoute(from: ServerConnection, request: IncomingRequest): void {
    const verifier = this.#verifier;
    if (verifier === undefined) return;
    void verifier
      .verify(request.parsed('proxy-authorization') ?? [], request.method, request.body)
      .then((verdict) => {
        if (!verdict.ok) {
          const headers = verifier
            .challenges(verdict.stale)
            .map((c): [string, string] => ['Proxy-Authenticate', c]);
          return this.#reply(from, request, 407, undefined, headers);
        }
        if (verdict.user !== request.from.uri.user) return this.#reply(from, request, 403);
        this.#route(from, request);
      });
  }

  #route(from: ServerConnection, request: IncomingRequest): void {
    const decision = routeRequest(request, this.#routing);
    if (request.method === 'REGISTER' && decision.kind !== 'forward')
      return this.#register(from, request);
    if (decision.kind === 'reply')
      return this.#reply(from, request, decision.status, decision.reason);
    if (decision.kind === 'local') return this.#answerLocally(from, request);
    this.#fork(from, request, decision.targets, decision.popRoute);
  }

  #register(from: ServerConnection, request: IncomingRequest): void {
    void this.#registrar.register(request, from.id).then(
      (response) => {
        if (response.status === 200) {
          const aor = `${request.to.uri.user ?? ''}@${request.to.uri.host.toLowerCase()}`;
          this.#knownUsers.add(aor);
        }
        this.#send(from, response);
      },
      (error: unknown) => {
        this.#log(`! registrar: ${(error as Error).message}`);
        this.#reply(from, request, 500);
      },
    );
  }

  #answerLocally(from: ServerConnection, request: IncomingRequest): void {
    if (request.method === 'OPTIONS') {
      return this.#reply(from, request, 200, undefined, [
        ['Allow', ALLOW],
        ['Accept', 'application/sdp'],
      ]);
    }
    this.#reply(from, request, 404);
  }

  #fork(
    from: ServerConnection,
    request: IncomingRequest,
    targets: readonly Target[],
    popRoute: boolean,
  ): void {
    const tx = new ForkingTransaction(from, request);
    this.#transactions.set(upstreamKey(request), tx);
    if (tx.isInvite) this.#reply(from, request, 100); // RFC 3261 §16.2: a stateful proxy answers INVITE with 100
    const initial = request.to.tag === undefined && DIALOG_CREATING.has(request.method);
    for (const target of targets) {
      const branch = `z9hG4bK${randomToken(16)}`;
      const forwarded = forwardRequest(request, {
        via: `SIP/2.0/WS ${this.host};branch=${branch}`,
        popRoute,
        ...(target.ruri === undefined ? {} : { ruri: target.ruri }),
        ...(initial ? { recordRoute: `<sip:${this.host};transport=ws;lr>` } : {}),
      });
      const fork: ForkBranch = {
        branch,
        connectionId: target.connectionId,
        forwarded,
        final: undefined,
        syntheticStatus: undefined,
      };
      tx.branches.push(fork);
      this.#branches.set(branch, { tx, branch: fork });
    }
    for (const fork of tx.branches) {
      if (!this.#sendTo(fork.connectionId, fork.forwarded)) this.#branchDied(tx, fork, 480);
    }
  }

  #onResponse(response: IncomingResponse): void {
    const top = response.via[0];
    const entry =
      top?.host.toLowerCase() === this.host.toLowerCase()
        ? this.#branches.get(top.branch ?? '')
        : undefined;
    if (entry === undefined) return this.#log(`  response for no transaction of ours dropped`);
    const { tx, branch } = entry;
    // Same branch, other method: the answer to a CANCEL this proxy sent (§9.1); it ends here.
    if (response.cseq.method !== tx.request.method || response.status === 100) return;
    if (response.status < 200) {
      if (!tx.finalSent) this.#send(tx.upstream, responseWithoutTopVia(response));
      return;
    }
    if (response.status < 300) return this.#onSuccess(tx, branch, response);
    this.#onFailure(tx, branch, response);
  }

  // §16.7 step 5: every 2xx goes upstream at once, from every branch; other INVITE branches are cancelled.
  #onSuccess(tx: ForkingTransaction, branch: ForkBranch, response: IncomingResponse): void {
    const first = branch.final === undefined;
    branch.final = response;
    if (!tx.isInvite && tx.finalSent && first) return;
    tx.answered = true;
    tx.finalSent = true;
    this.#send(tx.upstream, responseWithoutTopVia(response));
    if (tx.isInvite) this.#cancelPending(tx);
  }

  #onFailure(tx: ForkingTransaction, branch: ForkBranch, response: IncomingResponse): void {
    if (tx.isInvite) this.#sendTo(branch.connectionId, ackFor(branch.forwarded, response)); // §17.1.1.3, hop by hop
    if (branch.final !== undefined) return;
    branch.final = response;
    if (tx.isInvite && response.status >= 600 && !tx.answered) this.#cancelPending(tx); // §16.7 step 5
    this.#finishIfDone(tx);
  }

  #finishIfDone(tx: ForkingTransaction): void {
    if (!tx.allFinal() || tx.finalSent) return;
    tx.finalSent = true;
    const best = tx.bestResponse();
    if (typeof best === 'number') this.#reply(tx.upstream, tx.request, best);
    else this.#send(tx.upstream, responseWithoutTopVia(best));
  }

  #branchDied(tx: ForkingTransaction, branch: ForkBranch, status: number): void {
    if (branch.final !== undefined || branch.syntheticStatus !== undefined) return;
    branch.syntheticStatus = status;
    this.#finishIfDone(tx);
  }

  #failBranchesOn(connectionId: string): void {
    for (const { tx, branch } of [...this.#branches.values()]) {
      if (branch.connectionId === connectionId) this.#branchDied(tx, branch, 480);
      // The caller is gone: stop the phones it made ring.
      if (tx.upstream.id === connectionId && !tx.finalSent && tx.isInvite) this.#cancelPending(tx);
    }
  }

  #cancelPending(tx: ForkingTransaction): void {
    for (const branch of tx.pending())
      this.#sendTo(branch.connectionId, cancelFor(branch.forwarded));
  }

  // §16.10: CANCEL is answered here and sent on to every branch still pending.
  #onCancel(from: ServerConnection, cancel: IncomingRequest): void {
    const tx = this.#transactions.get(`${cancel.via[0]?.branch ?? ''} INVITE`);
    if (tx === undefined) return this.#reply(from, cancel, 481);
    this.#reply(from, cancel, 200);
    if (!tx.finalSent) this.#cancelPending(tx);
  }

  // The ACK for a non-2xx we sent upstream ends here (hop by hop); an ACK for a 2xx is routed
  // end to end like any in-dialog request (§16.7, §13.2.2.4).
  #onAck(from: ServerConnection, ack: IncomingRequest): void {
    const tx = this.#transactions.get(`${ack.via[0]?.branch ?? ''} INVITE`);
    if (tx !== undefined && tx.finalSent && !tx.answered) return;
    if (this.#rejectedInvites.get(ack.via[0]?.branch ?? '') === true) return;
    const decision = routeRequest(ack, this.#routing);
    if (decision.kind !== 'forward')
      return this.#log(`  ACK with nowhere to go dropped (${from.id})`);
    for (const target of decision.targets) {
      const forwarded = forwardRequest(ack, {
        via: `SIP/2.0/WS ${this.host};branch=z9hG4bK${randomToken(16)}`,
        popRoute: decision.popRoute,
        ...(target.ruri === undefined ? {} : { ruri: target.ruri }),
      });
      this.#sendTo(target.connectionId, forwarded);
    }
  }

  // WebSocket UAs use made-up `.invalid` hosts (RFC 7118 §5): remember which connection each
  // Contact host came from, the way Kamailio's contact aliases do.
  #learnContacts(from: ServerConnection, request: IncomingRequest): void {
    const contacts = request.parsed('contact');
    for (const contact of contacts?.contacts ?? []) {
      const host = contact.uri.host.toLowerCase();
      if (!this.#isSelf(contact.uri)) this.#aliases.set(host, from.id);
    }
  }

  #reply(
    to: ServerConnection,
    request: IncomingRequest,
    status: number,
    reason?: string,
    headers: Array<[string, string]> = [],
  ): void {
    const toTag = status === 100 ? undefined : randomToken(8);
    // A final non-2xx we generate for an INVITE is acknowledged to us, hop by hop (§17.2.1):
    // remember its branch so that ACK is absorbed instead of routed on.
    if (request.method === 'INVITE' && status >= 300) {
      this.#rejectedInvites.set(request.via[0]?.branch ?? '', true);
    }
    this.#send(to, createResponse(request, status, reason, { toTag, headers }));
  }

  #sendTo(connectionId: string, message: OutgoingMessage): boolean {
    const connection = this.#connections.get(connectionId);
    return connection !== undefined && this.#send(connection, message);
  }

  #send(to: ServerConnection, message: OutgoingMessage): boolean {
    const text = serializeMessage(message);
    this.#log(`< ${to.id} ${text.slice(0, text.indexOf('\r\n'))}`);
    return to.send(text);
  }

  #isSelf(uri: SipUri): boolean {
    return uri.host.toLowerCase() === this.host.toLowerCase();
  }

  #isLocalDomain(host: string): boolean {
    const domains = this.#options.domains;
    return domains === undefined || domains.some((d) => d.toLowerCase() === host.toLowerCase());
  }

  #isConfiguredUser(aor: string): boolean {
    const user = aor.slice(0, aor.indexOf('@'));
    return this.#options.users?.[user] !== undefined;
  }

  #log(line: string): void {
    this.#options.log?.(line);
  }
}

function upstreamKey(request: IncomingRequest): string {
  return `${request.via[0]?.branch ?? ''} ${request.method}`;
}

function summary(message: IncomingRequest | IncomingResponse): string {
  const start =
    message.kind === 'request'
      ? `${message.method} ${message.requestUri}`
      : `${message.status} ${message.reason}`;
  return `${start} (${message.cseq.seq} ${message.cseq.method}, Call-ID ${message.callId})`;
}
