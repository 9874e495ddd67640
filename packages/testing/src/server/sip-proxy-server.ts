import {
  createResponse,
  parseMessage,
  salvageRequest,
  SipParseError,
  type IncomingRequest,
  type HeaderEntry,
  type IncomingResponse,
  type SipUri,
} from '@sipkit/core';
import type { ServerConnection, SipServerEndpoint } from '../network/server-connection.js';
import { BoundedMap } from './bounded-map.js';
import { ackFor, cancelFor } from './branch-requests.js';
import { ContactAliases } from './contact-aliases.js';
import { DigestVerifier } from './digest-verifier.js';
import { FlowAliases, withFlowAlias } from './flow-aliases.js';
import { forkBranches, ForkingTransaction, type ForkBranch } from './forking-transaction.js';
import { LocationService } from './location-service.js';
import { describeError, summary } from './log-lines.js';
import { forwardRequest, responseWithoutTopVia, unparsableHeader } from './message-edit.js';
import { checkProxyAuthorization, mustProveFrom } from './proxy-authentication.js';
import {
  DEFAULT_SIP_PROXY_LIMITS,
  type SipProxyLimits,
  type SipProxyServerOptions,
} from './sip-proxy-options.js';
import { routeRequest, type RoutingContext, type Target } from './proxy-targets.js';
import { randomToken } from './random-token.js';
import { Registrar } from './registrar.js';
import { ProxyOutbox } from './proxy-outbox.js';
import { PresenceAgent } from './presence/presence-agent.js';
import { trySerialize } from './safe-reply.js';

export type { SipProxyServerOptions } from './sip-proxy-options.js';

const DIALOG_CREATING = new Set(['INVITE', 'SUBSCRIBE', 'REFER', 'NOTIFY']);
const ALLOW =
  'INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, INFO, UPDATE, REFER, NOTIFY, SUBSCRIBE, REGISTER';

/**
 * A small but correct SIP registrar and stateful forking proxy (RFC 3261 §10, §16) over any
 * message-oriented connections: the in-memory network in tests, real WebSockets in the dev server.
 * No message, however malformed, makes it throw: the worst one costs is itself. With `users`
 * configured, nothing unauthenticated can claim a local identity or capture another's requests.
 *
 * @example
 * const server = new SipProxyServer({ users: { alice: 'secret', bob: 'secret' } });
 * const network = new SipNetwork({ endpoint: server });
 */
export class SipProxyServer implements SipServerEndpoint {
  readonly host: string;
  readonly location: LocationService;
  /** The presence agent, when `presence` is on: `setMessageWaiting`, counts, `close`. */
  readonly presence: PresenceAgent | undefined;
  readonly #options: SipProxyServerOptions;
  readonly #registrar: Registrar;
  readonly #outbox: ProxyOutbox;
  readonly #limits: SipProxyLimits;
  readonly #aliases: ContactAliases;
  readonly #knownUsers: BoundedMap<string, true>;
  readonly #branches = new BoundedMap<string, { tx: ForkingTransaction; branch: ForkBranch }>(4096);
  readonly #transactions = new BoundedMap<string, ForkingTransaction>(2048);
  /** Branches of INVITEs this server rejected itself (407, 404...), whose ACK ends here. */
  readonly #rejectedInvites = new BoundedMap<string, true>(2048);
  readonly #routing: RoutingContext;
  readonly #verifier: DigestVerifier | undefined;
  readonly #flows: FlowAliases | undefined;

  constructor(options: SipProxyServerOptions = {}) {
    this.#options = options;
    this.host = options.host ?? 'sip.test';
    this.#outbox = new ProxyOutbox({ log: (l) => this.#log(l), warn: (l) => this.#warn(l) });
    const limits = (this.#limits = { ...DEFAULT_SIP_PROXY_LIMITS, ...options.limits });
    this.#aliases = new ContactAliases(
      limits.maxAliasesPerConnection,
      (host) =>
        host === this.host.toLowerCase() ||
        (options.domains ?? []).some((d) => d.toLowerCase() === host),
    );
    this.#knownUsers = new BoundedMap(limits.maxKnownUsers);
    const flows = (this.#flows = options.flowAliases === true ? new FlowAliases() : undefined);
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
      {
        minExpires: options.minExpires ?? 10,
        maxExpires: options.maxExpires ?? 3600,
        verifier,
        maxContactsPerAor: limits.maxContactsPerAor,
        maxRegistrations: limits.maxRegistrations,
        gruu: options.gruu !== false,
      },
      now,
    );
    this.#routing = {
      location: this.location,
      isSelf: (uri) => this.#isSelf(uri),
      isLocalDomain: (host) => this.#isLocalDomain(host),
      connectionFor: (host) => this.#aliases.connectionFor(host),
      isKnownUser: (aor) => this.#knownUsers.get(aor) === true || this.#isConfiguredUser(aor),
      ...(flows === undefined ? {} : { flowFor: (token: string) => flows.targetOf(token) }),
    };
    this.presence =
      options.presence === undefined || options.presence === false
        ? undefined
        : new PresenceAgent(
            {
              host: this.host,
              limits,
              now,
              send: (id, request) => this.#outbox.sendTo(id, request),
              respond: (connection, response) => this.#outbox.send(connection, response, true),
              isRegistered: (aor) => this.location.lookup(aor).length > 0,
              nextExpiry: (aor) => nextExpiry(this.location, aor),
              isLocal: (uri) => this.#isSelf(uri) || this.#isLocalDomain(uri.host),
              warn: (line) => this.#warn(line),
            },
            options.presence === true ? {} : options.presence,
          );
  }

  /** Stops the presence agent's timers (subscription and publication expiry); nothing else runs. */
  close(): void {
    this.presence?.close();
  }

  connectionOpened(connection: ServerConnection): void {
    this.#outbox.add(connection);
    this.#log(
      `+ ${connection.id} connected from ${connection.remoteAddress}:${connection.remotePort}`,
    );
  }

  /** How many forwarded transactions the proxy still remembers (for late ACKs, CANCELs, 2xx). */
  get rememberedTransactions(): number {
    return this.#transactions.size;
  }

  connectionClosed(connection: ServerConnection): void {
    this.#outbox.remove(connection.id);
    const registered = this.location.registeredAors();
    this.location.removeConnection(connection.id);
    this.presence?.connectionClosed(connection.id);
    const still = new Set(this.location.registeredAors());
    for (const aor of registered) if (!still.has(aor)) this.presence?.registrationChanged(aor);
    this.#aliases.removeConnection(connection.id);
    this.#flows?.removeConnection(connection.id);
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
    try {
      this.#handle(connection, text);
    } catch (error) {
      // The last line of defence: whatever a message does, it costs that message, never the server.
      this.#warn(`! ${connection.id} message dropped: ${describeError(error)}`);
    }
  }

  #handle(connection: ServerConnection, text: string): void {
    let message: IncomingRequest | IncomingResponse;
    try {
      message = parseMessage(text);
    } catch (error) {
      this.#warn(`! ${connection.id} refused an unparsable message: ${describeError(error)}`);
      return this.#answerUnparsable(connection, text, error);
    }
    connection.messageAccepted?.();
    try {
      this.#log(`> ${connection.id} ${summary(message)}`);
      if (message.kind === 'request') this.#onRequest(connection, message);
      else this.#onResponse(message);
    } catch (error) {
      this.#warn(`! ${connection.id} ${describeError(error)}`);
      if (message.kind === 'request' && message.method !== 'ACK')
        this.#reply(connection, message, 400);
    }
  }

  /**
   * A request the parser refused still gets its 400 when Via, From, To, Call-ID and CSeq can be
   * read (`salvageRequest`), naming the header at fault: the caller learns what is wrong instead
   * of waiting 32 s (RFC 3261 §8.2). Stateless: nothing is kept for it. ACKs are never answered.
   */
  #answerUnparsable(connection: ServerConnection, text: string, error: unknown): void {
    const request = salvageRequest(text);
    if (request === undefined || request.method === 'ACK') return;
    const header = error instanceof SipParseError ? error.header : undefined;
    const reason = header === undefined ? 'Bad Request' : `Bad Request (${header})`;
    this.#reply(connection, request, 400, reason.replace(/[^\x20-\x7e]/g, ''));
  }

  #onRequest(from: ServerConnection, request: IncomingRequest): void {
    if (request.method === 'ACK') return this.#onAck(from, request);
    if (request.method === 'CANCEL') return this.#onCancel(from, request);
    if (this.#transactions.get(upstreamKey(request)) !== undefined) {
      return this.#log(`  retransmission absorbed`);
    }
    if (request.parsed('max-forwards') === 0) return this.#reply(from, request, 483);
    const malformed = unparsableHeader(request, ['record-route', 'route', 'contact']);
    if (malformed !== undefined) {
      this.#warn(`! ${from.id} ${request.method} refused: malformed ${malformed}`);
      return this.#reply(from, request, 400, `Malformed ${headerLabel(malformed)}`);
    }
    const isLocal = (uri: SipUri): boolean => this.#isSelf(uri) || this.#isLocalDomain(uri.host);
    if (this.#verifier !== undefined && mustProveFrom(request, isLocal))
      return this.#authenticateThenRoute(from, request, this.#verifier);
    this.#route(from, request, this.#verifier === undefined);
  }

  #authenticateThenRoute(
    from: ServerConnection,
    request: IncomingRequest,
    verifier: DigestVerifier,
  ): void {
    checkProxyAuthorization(verifier, request)
      .then((verdict) => {
        if (verdict.kind === 'pass') return this.#route(from, request, true);
        if (verdict.kind === 'challenge')
          return this.#reply(from, request, 407, undefined, [...verdict.headers]);
        this.#warn(`! ${from.id} ${request.method} refused: From is not the authenticated user`);
        this.#reply(from, request, 403);
      })
      .catch((error: unknown) => {
        // An async path has no caller to catch for it: an escaped rejection would end the process.
        this.#warn(`! ${from.id} ${request.method} refused: ${describeError(error)}`);
        this.#reply(from, request, error instanceof SipParseError ? 400 : 500);
      });
  }

  /** `trusted`: the request proved its From (or nobody has to), so its Contact may be learned. */
  #route(from: ServerConnection, request: IncomingRequest, trusted: boolean): void {
    const presence = this.presence;
    if (presence?.takes(request, (uri) => this.#isSelf(uri)) === true)
      return presence.handle(from, request);
    if (request.method === 'BYE') presence?.callEnded(request.callId, from.id);
    const decision = routeRequest(request, this.#routing);
    if (request.method === 'REGISTER' && decision.kind !== 'forward')
      return this.#register(from, request);
    // An in-dialog request follows its dialog (Route, remote target); with users configured one
    // that would reach an AOR's phones by its Request-URI alone is a made-up to-tag dodging the
    // caller-ID check above.
    if (
      this.#verifier !== undefined &&
      request.to.tag !== undefined &&
      decision.kind === 'forward' &&
      decision.by === 'aor'
    ) {
      this.#warn(`! ${from.id} ${request.method} refused: in-dialog request to an AOR`);
      return this.#reply(from, request, 403, 'Not In A Dialog');
    }
    if (trusted && request.to.tag === undefined) {
      const contacts = request.parsed('contact')?.contacts ?? [];
      for (const line of this.#aliases.learnFromRequest(contacts, from.id))
        this.#warn(`! ${from.id} ${line}`);
    }
    if (decision.kind === 'reply')
      return this.#reply(from, request, decision.status, decision.reason);
    if (decision.kind === 'local') return this.#answerLocally(from, request);
    // Busy lamps (RFC 4235): a new call is followed from before its first branch can answer;
    // one the fork refused at once (503, 400) is over as soon as it began.
    const newCall = request.method === 'INVITE' && request.to.tag === undefined;
    if (newCall)
      presence?.callStarted(request, decision.by === 'aor' ? request.ruri : undefined, from.id);
    this.#fork(from, request, decision.targets, decision.popRoute);
    if (newCall && this.#transactions.get(upstreamKey(request)) === undefined)
      presence?.callEnded(request.callId);
  }

  #register(from: ServerConnection, request: IncomingRequest): void {
    this.#registrar
      .register(request, from.id)
      .then((response) => {
        if (response.status === 200) this.#registered(from, request);
        if (response.status === 503)
          this.#warn(`! ${from.id} REGISTER refused: ${response.reason ?? ''} (limit)`);
        this.#outbox.send(from, response, true);
      })
      .catch((error: unknown) => {
        this.#warn(`! registrar: ${describeError(error)}`);
        this.#reply(from, request, 500);
      });
  }

  // WebSocket UAs use made-up `.invalid` hosts (RFC 7118 §5): a successful (with users configured:
  // authenticated) REGISTER ties its contact hosts to its connection; see ContactAliases.
  #registered(from: ServerConnection, request: IncomingRequest): void {
    const aor = `${request.to.uri.user ?? ''}@${request.to.uri.host.toLowerCase()}`;
    this.#knownUsers.set(aor, true);
    this.#aliases.addDomain(request.to.uri.host);
    const refusals = this.#aliases.learnFromRegistration(this.location.lookup(aor), from.id, aor);
    for (const line of refusals) this.#warn(`! ${from.id} ${line}`);
    this.presence?.registrationChanged(aor);
  }

  #answerLocally(from: ServerConnection, request: IncomingRequest): void {
    if (request.method === 'OPTIONS') {
      return this.#reply(from, request, 200, undefined, [
        ['Allow', this.presence === undefined ? ALLOW : `${ALLOW}, PUBLISH`],
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
    const pending = this.#pendingFrom(from.id);
    if (pending >= this.#limits.maxPendingPerConnection) {
      this.#warn(
        `! ${from.id} ${request.method} refused: ${pending} requests in progress, the limit (maxPendingPerConnection) is ${this.#limits.maxPendingPerConnection}`,
      );
      return this.#reply(from, request, 503, 'Too Many Requests In Progress');
    }
    const forks = forkBranches(request, targets, {
      host: this.host,
      popRoute,
      recordRoute: request.to.tag === undefined && DIALOG_CREATING.has(request.method),
    }).map((fork) => ({ ...fork, forwarded: this.#aliased(fork.forwarded, from.id) }));
    // A value the parser let through but the serializer refuses (a NUL in a quoted name) cannot
    // be passed on: say so to the sender rather than leave it waiting on branches never sent.
    if (forks.some((fork) => trySerialize(fork.forwarded) === undefined)) {
      this.#warn(`! ${from.id} ${request.method} refused: a header cannot be forwarded`);
      return this.#reply(from, request, 400, 'Bad Header Value');
    }
    const tx = new ForkingTransaction(from, request);
    this.#transactions.set(upstreamKey(request), tx);
    if (tx.isInvite) this.#reply(from, request, 100); // RFC 3261 §16.2: a stateful proxy answers INVITE with 100
    for (const fork of forks) {
      tx.branches.push(fork);
      this.#branches.set(fork.branch, { tx, branch: fork });
    }
    for (const fork of tx.branches) {
      if (!this.#outbox.sendTo(fork.connectionId, fork.forwarded)) this.#branchDied(tx, fork, 480);
    }
  }

  #onResponse(response: IncomingResponse): void {
    if (this.presence?.responseReceived(response) === true) return;
    const top = response.via[0];
    const entry =
      top?.host.toLowerCase() === this.host.toLowerCase()
        ? this.#branches.get(top.branch ?? '')
        : undefined;
    if (entry === undefined) return this.#log(`  response for no transaction of ours dropped`);
    const { tx, branch } = entry;
    // Same branch, other method: the answer to a CANCEL this proxy sent (§9.1); it ends here.
    if (response.cseq.method !== tx.request.method || response.status === 100) return;
    if (!this.#forwardable(response)) {
      this.#warn(`! response ${response.status} dropped: malformed Record-Route or Contact`);
      if (response.status < 200) return;
      if (tx.isInvite && response.status >= 300)
        this.#outbox.sendTo(branch.connectionId, ackFor(branch.forwarded, response));
      return this.#branchDied(tx, branch, 502); // the branch answered, but nothing usable
    }
    if (tx.isInvite && tx.request.to.tag === undefined && response.status < 300)
      this.presence?.callProgressed(response, branch.connectionId);
    if (response.status < 200) {
      if (!tx.finalSent)
        this.#outbox.send(
          tx.upstream,
          this.#aliased(responseWithoutTopVia(response), branch.connectionId),
        );
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
    this.#outbox.send(
      tx.upstream,
      this.#aliased(responseWithoutTopVia(response), branch.connectionId),
    );
    if (tx.isInvite) this.#cancelPending(tx);
  }

  #onFailure(tx: ForkingTransaction, branch: ForkBranch, response: IncomingResponse): void {
    if (tx.isInvite) this.#outbox.sendTo(branch.connectionId, ackFor(branch.forwarded, response)); // §17.1.1.3, hop by hop
    if (branch.final !== undefined) return;
    branch.final = response;
    if (tx.isInvite && response.status >= 600 && !tx.answered) this.#cancelPending(tx); // §16.7 step 5
    this.#finishIfDone(tx);
  }

  #finishIfDone(tx: ForkingTransaction): void {
    if (!tx.allFinal() || tx.finalSent) return;
    tx.finalSent = true;
    if (tx.isInvite && !tx.answered) this.presence?.callEnded(tx.request.callId);
    const best = tx.bestResponse();
    if (typeof best === 'number') this.#reply(tx.upstream, tx.request, best);
    else this.#outbox.send(tx.upstream, responseWithoutTopVia(best));
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
      this.#outbox.sendTo(branch.connectionId, cancelFor(branch.forwarded));
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
    // As for any in-dialog request (#route): with users, an ACK follows its dialog, not an AOR.
    if (this.#verifier !== undefined && decision.by === 'aor')
      return this.#warn(`! ${from.id} ACK to an AOR dropped: not in a dialog`);
    for (const target of decision.targets) {
      const forwarded = forwardRequest(ack, {
        via: `SIP/2.0/WS ${this.host};branch=z9hG4bK${randomToken(16)}`,
        popRoute: decision.popRoute,
        ...(target.ruri === undefined ? {} : { ruri: target.ruri }),
      });
      this.#outbox.sendTo(target.connectionId, forwarded);
    }
  }

  // Upstream builds its route set and remote target from these (RFC 3261 §12.1.2): pass on only
  // what parses and serializes.
  #forwardable(response: IncomingResponse): boolean {
    return (
      unparsableHeader(response, ['record-route', 'contact']) === undefined &&
      trySerialize(responseWithoutTopVia(response)) !== undefined
    );
  }

  /** With `flowAliases`, the message's Contact names the connection it came on (Kamailio). */
  #aliased<M extends { readonly headers: Array<[string, string]> | readonly HeaderEntry[] }>(
    message: M,
    connectionId: string,
  ): M {
    const flows = this.#flows;
    if (flows === undefined) return message;
    return { ...message, headers: withFlowAlias(message.headers, flows.tokenFor(connectionId)) };
  }

  #pendingFrom(connectionId: string): number {
    let pending = 0;
    for (const tx of this.#transactions.values())
      if (tx.upstream.id === connectionId && !tx.finalSent) pending++;
    return pending;
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
    this.#outbox.send(to, createResponse(request, status, reason, { toTag, headers }), true);
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

  #warn(line: string): void {
    (this.#options.warn ?? this.#options.log)?.(line);
  }
}

function headerLabel(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

function nextExpiry(location: LocationService, aor: string): number | undefined {
  const bindings = location.lookup(aor);
  return bindings.length === 0 ? undefined : Math.min(...bindings.map((b) => b.expiresAt));
}

function upstreamKey(request: IncomingRequest): string {
  return `${request.via[0]?.branch ?? ''} ${request.method}`;
}
