import { redactSipMessage } from '../auth/index.js';
import {
  serializeRequest,
  type HeaderEntry,
  type IncomingRequest,
  type OutgoingResponse,
} from '../message/index.js';
import type { DialogRequestContext } from '../dialog/index.js';
import { createWebRtcMediaHandler } from '../media/webrtc-media-handler.js';
import { Session } from '../session/session.js';
import type { SessionContext } from '../session/session-context.js';
import type { CallOptions } from '../session/session-options.js';
import {
  newBranch,
  withBranch,
  type InviteServerTransaction,
  type ServerTransaction,
} from '../transaction/index.js';
import { systemClock } from '../transport/index.js';
import type { CallFeature, UserAgentParts } from './call-feature.js';
import { CallRecovery, DEFAULT_CALL_RECOVERY_TIMEOUT } from './call-recovery.js';
import type { NetworkChange } from './network-watch.js';
import { checkExtraHeaders } from './option-checks.js';
import { ALLOWED_METHODS } from './request-policy.js';
import { replacedCall } from './replaced-call.js';
import { SessionRegistry } from './session-registry.js';
import { normalizeTarget } from './target.js';

/**
 * The calls of a `UA`: the live sessions, the context they share, and the routing of everything
 * that belongs to INVITE dialogs (RFC 3261 §12.2.2 by dialog id, CANCEL to its INVITE, an INVITE
 * with Replaces to the dialog it replaces, RFC 3891 §3).
 */
export class UACalls implements CallFeature {
  readonly allowedMethods: readonly string[] = ALLOWED_METHODS;
  readonly #parts: UserAgentParts;
  readonly #sessions = new SessionRegistry();
  readonly #context: SessionContext;
  readonly #recovery: CallRecovery;

  constructor(parts: UserAgentParts) {
    this.#parts = parts;
    this.#recovery = new CallRecovery({
      events: parts.events,
      sessions: () => this.#sessions.all(),
      registers: parts.configuration.register,
      clock: parts.options.clock ?? systemClock,
      logger: parts.logger,
      timeout: parts.options.callRecoveryTimeout ?? DEFAULT_CALL_RECOVERY_TIMEOUT,
      probe: parts.probe,
    });
    this.#context = this.#createContext();
  }

  /** Live calls, oldest first. */
  get sessions(): readonly Session[] {
    return this.#sessions.all();
  }

  /** Places a call (`ua.call`): the session, announced as `newRTCSession` before the INVITE goes. */
  call(target: string, options: CallOptions): Session {
    checkExtraHeaders(options.extraHeaders);
    const ruri = normalizeTarget(target, this.#parts.identity.aor.host);
    const session = Session.outgoing(this.#context, ruri, options);
    this.#add(session);
    this.#parts.events.emit('newRTCSession', { originator: 'local', session, request: undefined });
    return session;
  }

  /**
   * @internal `resumeCall` (`handover/`): a confirmed call made, with this UA's session context,
   * from another user agent's state joins these calls, announced as `newRTCSession`, and
   * refreshes its target once the flow is up (`CallRecovery.adopt`).
   */
  resume(make: (context: SessionContext) => Session, flow: 'up' | 'registering' | 'down'): Session {
    const session = make(this.#context);
    this.#add(session);
    const originator = session.direction === 'outgoing' ? 'local' : 'remote';
    this.#parts.events.emit('newRTCSession', { originator, session, request: undefined });
    this.#recovery.adopt(session, flow);
    return session;
  }

  receiveAck(ack: IncomingRequest): void {
    this.#sessions.forRequest(ack)?.receiveAck(ack);
  }

  receiveCancel(cancel: IncomingRequest, invite: InviteServerTransaction | undefined): void {
    if (invite !== undefined) this.#sessions.byInviteTransaction(invite)?.receiveCancel(cancel);
  }

  receiveInDialog(request: IncomingRequest, transaction: ServerTransaction): boolean {
    const session = this.#sessions.forRequest(request);
    if (session === undefined) return false;
    session.receiveRequest(request, transaction);
    return true;
  }

  // RFC 3261 §13.3.1: a new call. With Replaces (RFC 3891 §3) it takes over a confirmed call
  // (attended transfer) or an early call we made (pickup), see replaced-call.ts.
  receiveInvite(invite: IncomingRequest, transaction: InviteServerTransaction): void {
    const type = invite.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (invite.body !== '' && type !== undefined && type !== 'application/sdp') {
      return this.#respond(transaction, invite, 415, [['Accept', 'application/sdp']]);
    }
    // RFC 3261 §12.1.1: the dialog takes its remote target from Contact and its route set from
    // Record-Route. Read now, a malformed one throws SipParseError before any call state exists,
    // and the UA answers 400 naming it.
    invite.parsed('contact');
    invite.parsed('record-route');
    let replaced: Session | undefined;
    if (invite.hasHeader('replaces')) {
      const verdict = replacedCall(invite, (id) => this.#sessions.byDialog(id));
      if (typeof verdict === 'number') return this.#respond(transaction, invite, verdict);
      replaced = verdict;
    }
    const session = Session.incoming(this.#context, invite, transaction);
    if (session === undefined) return; // refused at once (422, RFC 4028 §9)
    this.#add(session);
    this.#parts.events.emit('newRTCSession', { originator: 'remote', session, request: invite });
    if (replaced !== undefined) replaced.replacedBy(session);
    else session.ring();
  }

  terminateAll(): void {
    for (const session of this.#sessions.all()) session.terminate();
    this.#recovery.close();
  }

  networkChanged(change: NetworkChange): void {
    this.#recovery.networkChanged(change);
  }

  #add(session: Session): void {
    this.#sessions.add(session);
  }

  #respond(
    transaction: ServerTransaction,
    request: IncomingRequest,
    status: number,
    headers: OutgoingResponse['headers'] = [],
  ): void {
    transaction.respond(this.#parts.factory.response(request, status, { headers }));
  }

  #createContext(): SessionContext {
    const parts = this.#parts;
    const dialogContext: DialogRequestContext = {
      via: parts.via,
      contact: () => parts.identity.dialogContact(),
      commonHeaders: (headers, extraHeaders) => parts.factory.commonHeaders(headers, extraHeaders),
    };
    const supported = [
      ...(parts.configuration.session_timers ? ['timer'] : []),
      'replaces',
      'outbound',
    ].join(', ');
    return {
      configuration: parts.configuration,
      identity: parts.identity,
      factory: parts.factory,
      channel: parts.channel,
      transactions: parts.transactions,
      clock: parts.options.clock ?? systemClock,
      logger: parts.logger,
      onListenerError: (error, event) =>
        parts.logger.error(`session: a "${event}" listener threw`, error),
      random: parts.options.random ?? Math.random,
      dialogContext,
      createMediaHandler: parts.options.mediaHandlerFactory ?? createWebRtcMediaHandler,
      iceRestart: parts.options.iceRestart,
      capabilityHeaders: (): HeaderEntry[] => [
        // RFC 3261 §20.5: what this UA handles, extensions included (SUBSCRIBE with subscriptions).
        ['Allow', parts.allowedMethods().join(', ')],
        ['Supported', supported],
      ],
      signallingReady: () => this.#recovery.ready(),
      probeSignalling: (reason) => this.#recovery.probe(reason),
      sendAck: (ack) => {
        // An ACK is sent from response handlers that nothing awaits: one that cannot be
        // serialized (a value from the 2xx the serializer refuses) is logged, never thrown there.
        let message: string;
        try {
          message = serializeRequest(withBranch(ack, newBranch()));
        } catch (error) {
          parts.logger.warn(`sip: ACK not sent: ${(error as Error).message}`);
          return;
        }
        parts.logger.debug(`sip: sending\n${redactSipMessage(message)}`);
        parts.send(message);
      },
      attach: (dialog, session) => this.#sessions.attach(dialog, session),
      detach: (dialog) => this.#sessions.detach(dialog),
      ended: (session) => this.#sessions.remove(session),
      call: (target, options) => {
        if (!parts.started()) throw new Error('cannot call: the UA is not started');
        return this.call(target, options);
      },
      findSession: (id) => this.#sessions.byDialog(id),
    };
  }
}
