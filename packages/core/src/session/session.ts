import type { DialogId } from '../dialog/index.js';
import { formatUri, type IncomingRequest, type IncomingResponse } from '../message/index.js';
import {
  newCallId,
  newTag,
  type InviteServerTransaction,
  type ServerTransaction,
} from '../transaction/index.js';
import type { Listener } from '../transport/index.js';
import { ownString } from '../message/own-string.js';
import { Causes, type Cause } from '../ua/causes.js';
import { checkContentType, checkExtraHeaders, checkReasonPhrase } from '../ua/option-checks.js';
import type { Identity } from '../ua/out-of-dialog-request.js';
import { AckWait } from './ack-wait.js';
import { callerIdentity, checkCallOptions } from './caller-identity.js';
import { MIN_SESSION_EXPIRES } from './session-timer-negotiation.js';
import type { CallConnectionState } from './call-connection.js';
import { CallCore, type EndKind } from './call-core.js';
import { receiveInDialogRequest } from './in-dialog-requests.js';
import { checkIceRestart } from './ice-restart-options.js';
import { IncomingInvite } from './incoming-invite.js';
import { MediaRecovery } from './media-recovery.js';
import { InfoExchange } from './info-exchange.js';
import type { AnswerHook, Negotiation } from './negotiation.js';
import { OfferExchange } from './offer-exchange.js';
import { OutgoingInvite } from './outgoing-invite.js';
import { ReferHandler } from './refer-handler.js';
import { SessionRefresh, sessionTimerSettings } from './session-refresh.js';
import { SessionRefresher } from './session-refresher.js';
import { TargetRefresh } from './target-refresh.js';
import type { SessionContext } from './session-context.js';
import type { Originator, SessionEvents } from './session-events.js';
import type {
  AnswerOptions,
  CallOptions,
  DtmfSendOptions,
  EarlyMediaOptions,
  HoldOptions,
  ReferOptions,
  TerminateOptions,
} from './session-options.js';
import {
  isEstablished,
  isPreAnswer,
  type SessionDirection,
  type SessionStatus,
} from './session-status.js';

/**
 * One call (JsSIP's RTCSession): an INVITE dialog with its media. Created by `ua.call()` or
 * handed out by the UA's `newRTCSession` event for incoming calls. State is one explicit
 * `status`; every transition emits an event.
 *
 * @example
 * const session = ua.call('sip:bob@example.com', { mediaConstraints: { audio: true } });
 * session.on('confirmed', () => console.log('talking'));
 * session.on('ended', ({ cause }) => console.log('ended:', cause));
 */
export class Session {
  /** Call-ID plus the From tag of the initial INVITE (JsSIP's session id). */
  readonly id: string;
  readonly direction: SessionDirection;
  /** The Call-ID of the call's dialog. */
  readonly callId: string;
  readonly localIdentity: Identity;
  /**
   * True for a call this UA took over from another one (`resumeCall`, e.g. from a closed tab):
   * it started confirmed here, with no INVITE of its own.
   */
  readonly resumed: boolean;
  // The work is done by the call's parts (OutgoingInvite or IncomingInvite, OfferExchange,
  // SessionRefresher, InfoExchange, ReferHandler) over one shared CallCore, which holds the one
  // `status`. This class is the public face and decides the order in which the parts stop.
  readonly #context: SessionContext;
  readonly #core: CallCore;
  readonly #ackWait: AckWait;
  readonly #refresh: SessionRefresh;
  readonly #offers: OfferExchange;
  readonly #refresher: SessionRefresher;
  readonly #info: InfoExchange;
  readonly #recovery: MediaRecovery;
  /** Made when the connection is first lost during the call (ua/call-recovery.ts). */
  #targetRefresh: TargetRefresh | undefined;
  /** Made on the first REFER or NOTIFY either way: most calls are never transferred. */
  #refer: ReferHandler | undefined;
  #outgoing: OutgoingInvite | undefined;
  #incoming: IncomingInvite | undefined;
  readonly #muted = { audio: false, video: false };

  private constructor(context: SessionContext, init: SessionInit) {
    this.#context = context;
    this.direction = init.direction;
    // Copied: for an incoming call these are cut from the INVITE, which a call must not pin.
    this.callId = ownString(init.callId);
    this.id = ownString(init.callId + init.fromTag);
    this.localIdentity = ownIdentity(init.local);
    this.resumed = init.resumed === true;
    const core = new CallCore({
      context,
      session: this,
      callId: this.callId,
      localTag: init.localTag,
      status: init.direction === 'outgoing' ? 'connecting' : 'ringing',
      remoteIdentity: ownIdentity(init.remote),
      finish: (kind, originator, cause, message) => this.#finish(kind, originator, cause, message),
    });
    this.#core = core;
    this.#ackWait = new AckWait(core);
    const timers = sessionTimerSettings(context.configuration);
    const sessionExpires = init.sessionExpires ?? timers.sessionExpires;
    this.#refresh = new SessionRefresh({ ...timers, sessionExpires }, context.clock, {
      refresh: (method) => void this.#refresher.send(method),
      expire: () => this.#refresher.expire(),
    });
    this.#offers = new OfferExchange(core, this.#refresh, this.#ackWait);
    this.#refresher = new SessionRefresher(core, this.#offers, this.#refresh);
    this.#info = new InfoExchange(core);
    this.#recovery = new MediaRecovery(core, this.#offers);
  }

  #referHandler(): ReferHandler {
    const core = this.#core;
    this.#refer ??= new ReferHandler(this, this.#context, {
      send: (method, init) => core.request(method, init),
      emit: (event, payload) => core.events.emit(event, payload),
      hasListener: (event) => core.events.listenerCount(event) > 0,
    });
    return this.#refer;
  }

  /** Starts an outgoing call (`ua.call`). The INVITE goes out once local media and the offer are ready. */
  static outgoing(context: SessionContext, ruri: string, options: CallOptions): Session {
    checkCallOptions(options, MIN_SESSION_EXPIRES);
    const remote = { displayName: undefined, uri: ruri };
    const local = callerIdentity(context, options);
    const tag = newTag();
    const session = new Session(context, {
      direction: 'outgoing',
      callId: newCallId(),
      localTag: tag,
      fromTag: tag,
      local,
      remote,
      sessionExpires: options.sessionTimersExpires,
    });
    for (const [event, listener] of Object.entries(options.eventHandlers ?? {})) {
      session.on(event as keyof SessionEvents, listener as Listener<unknown>);
    }
    session.#core.options = options;
    const outgoing = new OutgoingInvite(session.#core, session.#refresh);
    session.#outgoing = outgoing;
    void outgoing.start(ruri, options);
    return session;
  }

  /**
   * A session for an incoming INVITE (no To-tag) its server transaction already answered with 100.
   * Undefined when the INVITE was refused at once (422: its session interval is below our Min-SE).
   */
  static incoming(
    context: SessionContext,
    invite: IncomingRequest,
    transaction: InviteServerTransaction,
  ): Session | undefined {
    const session = new Session(context, {
      direction: 'incoming',
      callId: invite.callId,
      localTag: newTag(),
      fromTag: invite.from.tag ?? '',
      local: { displayName: invite.to.displayName, uri: formatUri(invite.to.uri) },
      remote: { displayName: invite.from.displayName, uri: formatUri(invite.from.uri) },
    });
    const incoming = new IncomingInvite(
      session.#core,
      session.#refresh,
      session.#ackWait,
      invite,
      transaction,
    );
    session.#incoming = incoming;
    return incoming.open() ? session : undefined;
  }

  /**
   * @internal A confirmed call taken over from another user agent (`handover/resume-call.ts`):
   * `restore` puts the dialog, media and timers back from the shared state.
   */
  static resume(
    context: SessionContext,
    init: SessionInit,
    restore: (parts: SessionParts) => void,
  ): Session {
    const session = new Session(context, { ...init, resumed: true });
    restore(session.handover);
    return session;
  }

  /** @internal The call's parts a handover reads and restores (`handover/`). */
  get handover(): SessionParts {
    return { core: this.#core, refresh: this.#refresh };
  }

  /** The far end: From of an incoming call; the target of an outgoing one, with the display name its answer gives. */
  get remoteIdentity(): Identity {
    return this.#core.remoteIdentity;
  }

  get status(): SessionStatus {
    return this.#core.status;
  }
  /** When the call was answered. */
  get startTime(): Date | undefined {
    return this.#core.startTime;
  }
  get endTime(): Date | undefined {
    return this.#core.endTime;
  }
  /** Why the call ended (undefined while it lasts). */
  get cause(): Cause | undefined {
    return this.#core.cause;
  }
  /** The media handler (undefined until media is set up): streams, stats. */
  get media(): Negotiation['media'] | undefined {
    return this.#core.negotiation?.media;
  }
  /**
   * The call's RTCPeerConnection, once created (the `peerConnection` event says when), with the
   * default media handler; undefined before that and with handlers not built on one.
   *
   * @example
   * session.on('confirmed', () => console.log(session.connection?.getReceivers()));
   */
  get connection(): RTCPeerConnection | undefined {
    // The handler types it structurally; at run time it is the runtime's RTCPeerConnection.
    return this.#core.negotiation?.media.connection as RTCPeerConnection | undefined;
  }
  /** The confirmed (or, for incoming calls, early) dialog's id. */
  get dialogId(): DialogId | undefined {
    return this.#core.dialog?.id;
  }
  /** Where in-dialog requests go (the far end's Contact). */
  /** How the established call's connection is doing (see the `connection` event). */
  get connectionState(): CallConnectionState {
    return this.#core.connection.state;
  }

  get remoteTarget(): string | undefined {
    return this.#core.dialog?.remoteTarget;
  }

  isInProgress(): boolean {
    return isPreAnswer(this.#core.status);
  }
  isEstablished(): boolean {
    return isEstablished(this.#core.status);
  }
  isEnded(): boolean {
    return this.#core.status === 'terminated';
  }
  /**
   * True when a new offer (hold, renegotiation) can start now: the call is confirmed and no offer
   * either way is in progress (RFC 3261 §14.1: one offer/answer at a time).
   */
  isReadyToReOffer(): boolean {
    return this.#core.status === 'confirmed' && this.#offers.idle;
  }
  isOnHold(): { readonly local: boolean; readonly remote: boolean } {
    return {
      local: this.#core.negotiation?.holdGranted ?? false,
      remote: this.#core.negotiation?.remoteHold ?? false,
    };
  }
  isMuted(): { readonly audio: boolean; readonly video: boolean } {
    return { ...this.#muted };
  }

  on<K extends keyof SessionEvents>(event: K, listener: Listener<SessionEvents[K]>): () => void {
    return this.#core.events.on(event, listener);
  }
  once<K extends keyof SessionEvents>(event: K, listener: Listener<SessionEvents[K]>): () => void {
    return this.#core.events.once(event, listener);
  }
  off<K extends keyof SessionEvents>(event: K, listener: Listener<SessionEvents[K]>): void {
    this.#core.events.off(event, listener);
  }

  /**
   * Answers an incoming call: local media, the answer (or an offer when the INVITE had none),
   * 200 OK. Throws when the call is not an unanswered incoming one.
   */
  answer(options: AnswerOptions = {}): void {
    const incoming = this.#incoming;
    if (this.direction !== 'incoming' || incoming === undefined) {
      throw new Error('answer() is for incoming calls');
    }
    checkExtraHeaders(options.extraHeaders);
    checkIceRestart(options.iceRestart);
    incoming.answer(options);
  }

  /**
   * Early media for an incoming call (RFC 3262, RFC 3960): media is set up now and the offer
   * answered in a 183 Session Progress, sent reliably (PRACKed) when the caller supports 100rel,
   * so the caller hears us before `answer()`, which keeps this media. Emits `progress`
   * (`originator: 'local'`). Throws when the call is not an unanswered incoming one, or when its
   * INVITE has no offer and the caller does not do 100rel (our offer would have no answer).
   *
   * @example
   * ua.on('newRTCSession', ({ session }) => {
   *   if (session.direction === 'incoming') session.sendEarlyMedia({ mediaStream: announcement });
   * });
   */
  sendEarlyMedia(options: EarlyMediaOptions = {}): void {
    const incoming = this.#incoming;
    if (this.direction !== 'incoming' || incoming === undefined) {
      throw new Error('sendEarlyMedia() is for incoming calls');
    }
    checkExtraHeaders(options.extraHeaders);
    checkIceRestart(options.iceRestart);
    incoming.sendEarlyMedia(options);
  }

  /**
   * Ends the call whatever its state: CANCEL before an answer (outgoing), a rejection with
   * `status_code` (incoming, default 480), BYE once answered. Does nothing once ended. Bad
   * options throw `InvalidOptionError` before anything happens: the call stays up, as it must
   * not end here while the far end is never told.
   */
  terminate(options: TerminateOptions = {}): void {
    const status = this.#core.status;
    if (status === 'terminated') return;
    const extraHeaders = checkExtraHeaders(options.extraHeaders);
    checkReasonPhrase(options.reason_phrase);
    if (this.#outgoing !== undefined && isPreAnswer(status)) {
      this.#outgoing.cancel(extraHeaders);
      return this.#finish('failed', 'local', Causes.CANCELED, undefined);
    }
    if (this.#incoming !== undefined && status === 'ringing') return this.#incoming.reject(options);
    // RFC 3261 §15: the callee must not send BYE before the ACK of its 2xx (or its timeout).
    if (this.#ackWait.pending && status === 'answered') this.#ackWait.deferBye();
    else this.#core.bye(extraHeaders);
    this.#finish('ended', 'local', Causes.BYE, undefined);
  }

  /**
   * Puts the call on hold (RFC 3264 §8.4: our media `sendonly`) with a re-INVITE, or an UPDATE
   * (RFC 3311) with `useUpdate`. Resolves false when not possible now.
   *
   * @example await session.hold({ useUpdate: true });
   */
  hold(options: HoldOptions = {}): Promise<boolean> {
    return this.#offers.changeHold(true, options.useUpdate === true ? 'UPDATE' : 'INVITE');
  }
  /** Resumes a call we held (re-INVITE, or UPDATE with `useUpdate`). */
  unhold(options: HoldOptions = {}): Promise<boolean> {
    return this.#offers.changeHold(false, options.useUpdate === true ? 'UPDATE' : 'INVITE');
  }

  /** Mutes local tracks without signalling; default audio only, as in JsSIP. */
  /**
   * Switches the microphone and/or camera while the call goes on (no renegotiation): e.g.
   * `{ audio: { deviceId: { exact: id } } }`. Rejects when there is no media yet or the device
   * cannot be opened (the call itself is not affected).
   *
   * @example await session.replaceLocalMedia({ audio: { deviceId: { exact: headsetId } } });
   */
  replaceLocalMedia(constraints: MediaStreamConstraints): Promise<void> {
    const media = this.#core.negotiation?.media;
    if (media === undefined || this.#core.status === 'terminated') {
      return Promise.reject(
        new Error(`cannot switch devices in a call that is ${this.#core.status}`),
      );
    }
    return media.replaceLocalMedia(constraints);
  }

  mute(options: { readonly audio?: boolean; readonly video?: boolean } = { audio: true }): void {
    this.#setMuted(options, true);
  }
  unmute(options: { readonly audio?: boolean; readonly video?: boolean } = { audio: true }): void {
    this.#setMuted(options, false);
  }

  /**
   * Sends DTMF tones (`0-9 * # A-D`, `,` pauses 2 s): RFC 4733 in RTP by default, SIP INFO
   * (`application/dtmf-relay`) with `transport: 'info'` or when no RTP sender exists. Tones queue.
   * Throws `InvalidOptionError` for bad `extraHeaders` and RangeError for a bad tone, duration
   * or gap, before anything is queued.
   */
  sendDTMF(tones: string | number, options: DtmfSendOptions = {}): void {
    if (this.#core.status !== 'confirmed')
      throw new Error(`cannot send DTMF in a call that is ${this.#core.status}`);
    checkExtraHeaders(options.extraHeaders);
    this.#info.sendDtmf(String(tones), options);
  }

  /**
   * Sends an INFO (RFC 6086) in the call. Resolves with the final status (0: no answer); rejects
   * with `InvalidOptionError` for a content type that is not a media type or bad `extraHeaders`
   * (nothing is sent).
   */
  async sendInfo(
    contentType: string,
    body: string,
    options: { readonly extraHeaders?: readonly string[] } = {},
  ): Promise<number> {
    if (!isEstablished(this.#core.status))
      throw new Error(`cannot send INFO in a call that is ${this.#core.status}`);
    checkContentType(contentType, 'contentType');
    const extraHeaders = checkExtraHeaders(options.extraHeaders);
    return await this.#info.send(contentType, body, extraHeaders);
  }

  /**
   * Transfers the far end to `target` (RFC 3515 REFER); with `replaces`, an attended transfer
   * (RFC 3891). Progress arrives as `referProgress` events. Resolves with the REFER's final status.
   */
  refer(target: string | Session, options: ReferOptions = {}): Promise<number> {
    if (this.#core.status !== 'confirmed')
      throw new Error(`cannot transfer a call that is ${this.#core.status}`);
    checkExtraHeaders(options.extraHeaders);
    return this.#referHandler().refer(target, options);
  }

  /**
   * Sends a new offer with the same media (re-INVITE, or UPDATE with `useUpdate`). Before the
   * answer, with `useUpdate`, in the early dialog (RFC 3311 §5.1) once a reliable 18x completed
   * the INVITE's offer/answer (RFC 3262 §5); otherwise it resolves false.
   */
  renegotiate(
    options: { readonly useUpdate?: boolean; readonly iceRestart?: boolean } = {},
  ): Promise<boolean> {
    if (isPreAnswer(this.#core.status)) {
      if (options.useUpdate !== true) return Promise.resolve(false);
      return (
        this.#outgoing?.sendEarlyUpdate() ??
        this.#incoming?.sendEarlyUpdate() ??
        Promise.resolve(false)
      );
    }
    return this.#offers.offer(
      options.useUpdate === true ? 'UPDATE' : 'INVITE',
      options.iceRestart === true,
    );
  }

  /**
   * Restarts ICE now (RFC 8839 §4.4.1.1): a new offer with new ICE credentials in a re-INVITE
   * (an UPDATE with `useUpdate`), e.g. after the network changed. The call does this by itself
   * when ICE breaks (`UAOptions.iceRestart`); one restart is in flight at a time, and asking
   * again joins it. Resolves true once the far end answered; false when not possible now
   * (not confirmed, another offer out, refused).
   *
   * @example window.addEventListener('online', () => void session.restartIce());
   */
  restartIce(options: HoldOptions = {}): Promise<boolean> {
    return this.#recovery.restart(options.useUpdate === true ? 'UPDATE' : 'INVITE');
  }

  // ----- UA-facing: requests and CANCEL routed to this session -----

  /** @internal True when `transaction` is this incoming call's INVITE transaction. */
  owns(transaction: InviteServerTransaction): boolean {
    return this.#incoming?.owns(transaction) ?? false;
  }

  /** @internal The UA sends 180 after `newRTCSession` listeners ran (they may answer at once). */
  ring(): void {
    this.#incoming?.ring();
  }

  /** @internal A CANCEL matched our INVITE server transaction (already answered 200 by the UA). */
  receiveCancel(cancel: IncomingRequest): void {
    this.#incoming?.receiveCancel(cancel);
  }

  /** @internal The ACK of one of our 2xx (RFC 3261 §13.3.1.4). */
  receiveAck(ack: IncomingRequest): void {
    this.#ackWait.receive(ack);
  }

  /** @internal A request inside our dialog, with its server transaction. */
  receiveRequest(request: IncomingRequest, transaction: ServerTransaction): void {
    const handlers = {
      offers: this.#offers,
      info: this.#info,
      refer: () => this.#referHandler(),
      incoming: this.#incoming,
      outgoing: this.#outgoing,
      earlyUpdateRefusal: () => {
        if (!isPreAnswer(this.#core.status)) return undefined;
        return this.#incoming === undefined
          ? { status: 500, retryAfter: true }
          : this.#incoming.earlyUpdateRefusal();
      },
    };
    receiveInDialogRequest(this.#core, handlers, request, transaction);
  }

  /**
   * @internal `media-change/` (`answerVideoOffers`): runs between applying the far end's re-offer
   * and answering it, so our camera can go into the answer.
   */
  set answerHook(hook: AnswerHook | undefined) {
    this.#core.answerHook = hook;
  }

  /** @internal The call's signalling recovery: the UA's `CallRecovery` drives it. */
  get signallingRecovery(): TargetRefresh {
    this.#targetRefresh ??= new TargetRefresh(
      this.#core,
      this.#offers,
      this.#refresher,
      this.#refresh,
      this.#recovery,
    );
    return this.#targetRefresh;
  }

  /** @internal A call that replaces this one arrived (RFC 3891): hand it our media options. */
  replacedBy(session: Session): void {
    this.#core.events.emit('replaces', { replaced: session.id });
    // Not our handler, though: one handler serves one call, and ours closes when we end.
    session.answer({ ...this.#core.options, mediaHandler: undefined });
    session.once('confirmed', () => this.terminate());
  }

  #setMuted(options: { readonly audio?: boolean; readonly video?: boolean }, muted: boolean): void {
    const changed = { audio: false, video: false };
    for (const kind of ['audio', 'video'] as const) {
      if (options[kind] !== true || this.#muted[kind] === muted) continue;
      this.#muted[kind] = muted;
      changed[kind] = true;
      this.#core.negotiation?.media.setMuted(kind, muted);
    }
    if (changed.audio || changed.video)
      this.#core.events.emit(muted ? 'muted' : 'unmuted', changed);
  }

  /** Stops every part of the call, then reports the end (once). */
  #finish(
    kind: EndKind,
    originator: Originator,
    cause: Cause,
    message: IncomingRequest | IncomingResponse | undefined,
  ): void {
    const core = this.#core;
    if (core.status === 'terminated') return;
    this.#incoming?.stop();
    this.#offers.stop();
    this.#refresh.close();
    this.#info.stop();
    this.#targetRefresh?.stop();
    // A call hung up before the ACK of our 2xx keeps its dialog until the ACK (see AckWait).
    if (!this.#ackWait.byeWhenAcked) {
      this.#ackWait.stop();
      if (core.dialog !== undefined) this.#context.detach(core.dialog);
    }
    this.#outgoing?.stop();
    core.negotiation?.close();
    this.#refer?.stop();
    core.terminated(kind, originator, cause, message);
    if (!this.#ackWait.byeWhenAcked) this.#context.ended(this);
  }
}

/** @internal What a call is made from. */
export interface SessionInit {
  readonly direction: SessionDirection;
  readonly callId: string;
  readonly localTag: string;
  readonly fromTag: string;
  readonly local: Identity;
  readonly remote: Identity;
  /** The call's own RFC 4028 session interval (`sessionTimersExpires`). */
  readonly sessionExpires?: number | undefined;
  readonly resumed?: boolean;
}

/** @internal What `handover/` reads from a call and restores into one. */
export interface SessionParts {
  readonly core: CallCore;
  readonly refresh: SessionRefresh;
}

function ownIdentity(identity: Identity): Identity {
  const { displayName } = identity;
  return {
    displayName: displayName === undefined ? undefined : ownString(displayName),
    uri: ownString(identity.uri),
  };
}
