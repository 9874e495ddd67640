import { Dialog, type DialogId } from '../dialog/index.js';
import {
  createResponse,
  formatUri,
  SipParseError,
  type HeaderEntry,
  type IncomingRequest,
  type IncomingResponse,
  type OutgoingRequest,
  type OutgoingResponse,
} from '../message/index.js';
import {
  newCallId,
  newTag,
  type InviteServerTransaction,
  type ServerTransaction,
} from '../transaction/index.js';
import { SingleTimer } from '../transport/clock.js';
import { TypedEmitter, type Listener } from '../transport/index.js';
import { Causes, causeOfStatus, type Cause } from '../ua/causes.js';
import type { Identity } from '../ua/out-of-dialog-request.js';
import { headerLine } from '../ua/request-factory.js';
import { anonymityHeaders, anonymousFrom } from './anonymous-identity.js';
import { AnswerRetransmitter } from './answer-retransmitter.js';
import { DtmfSender } from './dtmf-sender.js';
import { DTMF_RELAY_CONTENT_TYPE, parseDtmfRelay } from './dtmf-relay.js';
import { glareRetryDelay } from './glare-delay.js';
import { InviteClient } from './invite-client.js';
import { Negotiation, NegotiationError, toNegotiationError } from './negotiation.js';
import { ReferHandler } from './refer-handler.js';
import { SessionRefresh, sessionTimerSettings } from './session-refresh.js';
import type { SessionTimerAnswer } from './session-timer-negotiation.js';
import type { SessionContext } from './session-context.js';
import type { Originator, SessionEvents } from './session-events.js';
import type {
  AnswerOptions,
  CallOptions,
  DtmfSendOptions,
  ReferOptions,
  TerminateOptions,
} from './session-options.js';
import {
  isEstablished,
  isPreAnswer,
  type SessionDirection,
  type SessionStatus,
} from './session-status.js';

const SDP = 'application/sdp';

/** An ACK we wait for: of our initial 2xx or of a 2xx to a re-INVITE. */
interface AwaitedAck {
  readonly cseq: number;
  readonly retransmitter: AnswerRetransmitter;
  readonly onAck: (ack: IncomingRequest) => void;
}

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
  readonly localIdentity: Identity;
  readonly remoteIdentity: Identity;
  #status: SessionStatus;
  #startTime: Date | undefined;
  #endTime: Date | undefined;
  #cause: Cause | undefined;
  readonly #context: SessionContext;
  readonly #events: TypedEmitter<SessionEvents>;
  readonly #callId: string;
  readonly #localTag: string;
  #negotiation: Negotiation | undefined;
  #dialog: Dialog | undefined;
  readonly #earlyDialogs = new Map<string, Dialog>();
  #inviteClient: InviteClient | undefined;
  #earlyAnswer: string | undefined;
  readonly #invite: IncomingRequest | undefined;
  readonly #inviteTransaction: InviteServerTransaction | undefined;
  #awaitedAck: AwaitedAck | undefined;
  #byeWhenAcked = false;
  readonly #noAnswer: SingleTimer;
  readonly #glare: SingleTimer;
  #endWait: (() => void) | undefined;
  #answering = false;
  /** An offer of ours is out (re-INVITE/UPDATE) and unanswered: glare territory (§14.1). */
  #localOfferPending = false;
  #remoteOfferPending = false;
  #media: Promise<unknown> = Promise.resolve();
  readonly #muted = { audio: false, video: false };
  #dtmf: DtmfSender | undefined;
  #dtmfTransport: 'rfc4733' | 'info' = 'rfc4733';
  readonly #refer: ReferHandler;
  #answerOptions: AnswerOptions | CallOptions = {};
  readonly #refresh: SessionRefresh;
  /** RFC 4028 §9: what the far end's INVITE asked of our session timer. */
  #timerAnswer: SessionTimerAnswer | undefined;

  private constructor(
    context: SessionContext,
    init: {
      readonly direction: SessionDirection;
      readonly callId: string;
      readonly localTag: string;
      readonly fromTag: string;
      readonly local: Identity;
      readonly remote: Identity;
      readonly invite?: IncomingRequest;
      readonly transaction?: InviteServerTransaction;
    },
  ) {
    this.#context = context;
    this.direction = init.direction;
    this.#callId = init.callId;
    this.#localTag = init.localTag;
    this.id = init.callId + init.fromTag;
    this.localIdentity = init.local;
    this.remoteIdentity = init.remote;
    this.#invite = init.invite;
    this.#inviteTransaction = init.transaction;
    this.#status = init.direction === 'outgoing' ? 'connecting' : 'ringing';
    this.#events = new TypedEmitter<SessionEvents>((error, event) =>
      context.logger.error(`session: a "${event}" listener threw`, error),
    );
    this.#noAnswer = new SingleTimer(context.clock);
    this.#glare = new SingleTimer(context.clock);
    this.#refresh = new SessionRefresh(sessionTimerSettings(context.configuration), context.clock, {
      refresh: (method) => void this.#sendRefresh(method),
      expire: () => this.#timerExpired(),
    });
    this.#refer = new ReferHandler(this, context, {
      send: (method, init) => this.#request(method, init),
      emit: (event, payload) => this.#events.emit(event, payload),
      hasListener: (event) => this.#events.listenerCount(event) > 0,
    });
  }

  /** Starts an outgoing call (`ua.call`). The INVITE goes out once local media and the offer are ready. */
  static outgoing(context: SessionContext, ruri: string, options: CallOptions): Session {
    const anonymous = options.anonymous === true;
    const remote = { displayName: undefined, uri: ruri };
    const local = anonymous
      ? { displayName: 'Anonymous', uri: 'sip:anonymous@anonymous.invalid' }
      : { displayName: context.identity.displayName ?? undefined, uri: context.configuration.uri };
    const tag = newTag();
    const session = new Session(context, {
      direction: 'outgoing',
      callId: newCallId(),
      localTag: tag,
      fromTag: tag,
      local,
      remote,
    });
    for (const [event, listener] of Object.entries(options.eventHandlers ?? {})) {
      session.on(event as keyof SessionEvents, listener as Listener<unknown>);
    }
    session.#answerOptions = options;
    session.#dtmfTransport = options.dtmfTransport ?? 'rfc4733';
    void session.#connect(ruri, options);
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
    const localTag = newTag();
    const session = new Session(context, {
      direction: 'incoming',
      callId: invite.callId,
      localTag,
      fromTag: invite.from.tag ?? '',
      local: { displayName: invite.to.displayName, uri: formatUri(invite.to.uri) },
      remote: { displayName: invite.from.displayName, uri: formatUri(invite.from.uri) },
      invite,
      transaction,
    });
    const timer = session.#refresh.answerTo(invite);
    if (timer.kind === 'reject') {
      transaction.respond(session.#response(invite, timer.status, undefined, timer.headers));
      session.#refresh.close();
      return undefined;
    }
    session.#timerAnswer = timer;
    session.#dialog = Dialog.fromRequest(invite, localTag, context.dialogContext);
    context.attach(session.#dialog, session);
    return session;
  }

  get status(): SessionStatus {
    return this.#status;
  }
  /** When the call was answered. */
  get startTime(): Date | undefined {
    return this.#startTime;
  }
  get endTime(): Date | undefined {
    return this.#endTime;
  }
  /** Why the call ended (undefined while it lasts). */
  get cause(): Cause | undefined {
    return this.#cause;
  }
  /** The media handler (undefined until media is set up): streams, stats. */
  get media(): Negotiation['media'] | undefined {
    return this.#negotiation?.media;
  }
  /** The confirmed (or, for incoming calls, early) dialog's id. */
  get dialogId(): DialogId | undefined {
    return this.#dialog?.id;
  }
  /** Where in-dialog requests go (the far end's Contact). */
  get remoteTarget(): string | undefined {
    return this.#dialog?.remoteTarget;
  }

  isInProgress(): boolean {
    return isPreAnswer(this.#status);
  }
  isEstablished(): boolean {
    return isEstablished(this.#status);
  }
  isEnded(): boolean {
    return this.#status === 'terminated';
  }
  isOnHold(): { readonly local: boolean; readonly remote: boolean } {
    return {
      local: this.#negotiation?.localHold ?? false,
      remote: this.#negotiation?.remoteHold ?? false,
    };
  }
  isMuted(): { readonly audio: boolean; readonly video: boolean } {
    return { ...this.#muted };
  }

  on<K extends keyof SessionEvents>(event: K, listener: Listener<SessionEvents[K]>): () => void {
    return this.#events.on(event, listener);
  }
  once<K extends keyof SessionEvents>(event: K, listener: Listener<SessionEvents[K]>): () => void {
    return this.#events.once(event, listener);
  }
  off<K extends keyof SessionEvents>(event: K, listener: Listener<SessionEvents[K]>): void {
    this.#events.off(event, listener);
  }

  /**
   * Answers an incoming call: local media, the answer (or an offer when the INVITE had none),
   * 200 OK. Throws when the call is not an unanswered incoming one.
   */
  answer(options: AnswerOptions = {}): void {
    const invite = this.#invite;
    const transaction = this.#inviteTransaction;
    if (this.direction !== 'incoming' || invite === undefined || transaction === undefined) {
      throw new Error('answer() is for incoming calls');
    }
    if (this.#status !== 'ringing' || this.#answering) {
      throw new Error(
        `cannot answer a call that is ${this.#answering ? 'being answered' : this.#status}`,
      );
    }
    this.#answering = true;
    this.#noAnswer.cancel();
    this.#answerOptions = options;
    this.#dtmfTransport = options.dtmfTransport ?? 'rfc4733';
    const negotiation = this.#setUpMedia(options);
    const offer = invite.body === '' ? undefined : invite.body;
    this.#serial(async () =>
      offer === undefined ? negotiation.offer() : (await negotiation.answer(offer)).sdp,
    ).then(
      (sdp) => this.#sendAnswer(invite, transaction, sdp, offer === undefined, options),
      (error: unknown) => {
        const failure = toNegotiationError(error);
        const status = failure.cause === Causes.BAD_MEDIA_DESCRIPTION ? 488 : 500;
        if (this.#status === 'ringing') transaction.respond(this.#response(invite, status));
        this.#finish('failed', 'local', failure.cause, undefined);
      },
    );
  }

  /**
   * Ends the call whatever its state: CANCEL before an answer (outgoing), a rejection with
   * `status_code` (incoming, default 480), BYE once answered. Does nothing once ended.
   */
  terminate(options: TerminateOptions = {}): void {
    if (this.#status === 'terminated') return;
    const extraHeaders = options.extraHeaders ?? [];
    if (this.direction === 'outgoing' && isPreAnswer(this.#status)) {
      this.#inviteClient?.cancel(extraHeaders.map(headerLine));
      return this.#finish('failed', 'local', Causes.CANCELED, undefined);
    }
    if (this.direction === 'incoming' && this.#status === 'ringing') {
      const status = options.status_code ?? 480;
      if (status < 300 || status > 699)
        throw new RangeError(`status_code ${status} is not 300-699`);
      const invite = this.#invite as IncomingRequest;
      this.#inviteTransaction?.respond(
        this.#response(invite, status, options.reason_phrase, extraHeaders),
      );
      return this.#finish('failed', 'local', Causes.REJECTED, undefined);
    }
    // RFC 3261 §15: the callee must not send BYE before the ACK of its 2xx (or its timeout).
    if (this.#awaitedAck !== undefined && this.#status === 'answered') this.#byeWhenAcked = true;
    else this.#bye(extraHeaders);
    this.#finish('ended', 'local', Causes.BYE, undefined);
  }

  /** Puts the call on hold (RFC 3264 §8.4: our media `sendonly`). Resolves false when not possible now. */
  hold(): Promise<boolean> {
    return this.#changeHold(true);
  }
  /** Resumes a call we held. */
  unhold(): Promise<boolean> {
    return this.#changeHold(false);
  }

  /** Mutes local tracks without signalling; default audio only, as in JsSIP. */
  mute(options: { readonly audio?: boolean; readonly video?: boolean } = { audio: true }): void {
    this.#setMuted(options, true);
  }
  unmute(options: { readonly audio?: boolean; readonly video?: boolean } = { audio: true }): void {
    this.#setMuted(options, false);
  }

  /**
   * Sends DTMF tones (`0-9 * # A-D`, `,` pauses 2 s): RFC 4733 in RTP by default, SIP INFO
   * (`application/dtmf-relay`) with `transport: 'info'` or when no RTP sender exists. Tones queue.
   */
  sendDTMF(tones: string | number, options: DtmfSendOptions = {}): void {
    if (this.#status !== 'confirmed')
      throw new Error(`cannot send DTMF in a call that is ${this.#status}`);
    this.#dtmf ??= new DtmfSender(this.#context.clock, {
      rtp: (tone, duration, gap) =>
        this.#negotiation?.media.sendDtmf(tone, { duration, interToneGap: gap }) ?? false,
      info: (tone, duration, extraHeaders) =>
        void this.#request('INFO', {
          body: `Signal=${tone}\r\nDuration=${duration}\r\n`,
          contentType: DTMF_RELAY_CONTENT_TYPE,
          extraHeaders,
        }),
      sent: (tone, duration) =>
        this.#events.emit('newDTMF', {
          originator: 'local',
          dtmf: { tone, duration },
          request: undefined,
        }),
    });
    this.#dtmf.send(String(tones), { transport: this.#dtmfTransport, ...options });
  }

  /** Sends an INFO (RFC 6086) in the call. Resolves with the final status (0: no answer). */
  async sendInfo(
    contentType: string,
    body: string,
    options: { readonly extraHeaders?: readonly string[] } = {},
  ): Promise<number> {
    if (!isEstablished(this.#status))
      throw new Error(`cannot send INFO in a call that is ${this.#status}`);
    this.#events.emit('newInfo', {
      originator: 'local',
      info: { contentType, body },
      request: undefined,
    });
    const outcome = await this.#request('INFO', {
      body,
      contentType,
      extraHeaders: options.extraHeaders ?? [],
    });
    return outcome;
  }

  /**
   * Transfers the far end to `target` (RFC 3515 REFER); with `replaces`, an attended transfer
   * (RFC 3891). Progress arrives as `referProgress` events. Resolves with the REFER's final status.
   */
  refer(target: string | Session, options: ReferOptions = {}): Promise<number> {
    if (this.#status !== 'confirmed')
      throw new Error(`cannot transfer a call that is ${this.#status}`);
    return this.#refer.refer(target, options);
  }

  /** Sends a new offer with the same media (re-INVITE, or UPDATE with `useUpdate`). */
  renegotiate(
    options: { readonly useUpdate?: boolean; readonly iceRestart?: boolean } = {},
  ): Promise<boolean> {
    return this.#offer(
      options.useUpdate === true ? 'UPDATE' : 'INVITE',
      options.iceRestart === true,
    );
  }

  // ----- UA-facing: requests and CANCEL routed to this session -----

  /** @internal True when `transaction` is this incoming call's INVITE transaction. */
  owns(transaction: InviteServerTransaction): boolean {
    return this.#inviteTransaction === transaction;
  }

  /** @internal The UA sends 180 after `newRTCSession` listeners ran (they may answer at once). */
  ring(): void {
    const invite = this.#invite;
    if (invite === undefined || this.#status !== 'ringing' || this.#answering) return;
    this.#noAnswer.schedule(this.#context.configuration.no_answer_timeout * 1000, () => {
      if (this.#status !== 'ringing' || this.#answering) return;
      this.#inviteTransaction?.respond(this.#response(invite, 408));
      this.#finish('failed', 'system', Causes.NO_ANSWER, undefined);
    });
    this.#inviteTransaction?.respond(this.#response(invite, 180, undefined, [], true));
    this.#events.emit('progress', { originator: 'local', response: undefined });
  }

  /** @internal A CANCEL matched our INVITE server transaction (already answered 200 by the UA). */
  receiveCancel(cancel: IncomingRequest): void {
    const invite = this.#invite;
    if (invite === undefined || this.#status !== 'ringing') return;
    this.#inviteTransaction?.respond(this.#response(invite, 487));
    this.#finish('failed', 'remote', Causes.CANCELED, cancel);
  }

  /** @internal The ACK of one of our 2xx (RFC 3261 §13.3.1.4). */
  receiveAck(ack: IncomingRequest): void {
    const awaited = this.#awaitedAck;
    if (awaited === undefined || ack.cseq.seq !== awaited.cseq) return;
    this.#awaitedAck = undefined;
    awaited.retransmitter.stop();
    awaited.onAck(ack);
  }

  /** @internal A request inside our dialog, with its server transaction. */
  receiveRequest(request: IncomingRequest, transaction: ServerTransaction): void {
    const dialog = this.#dialog;
    if (dialog === undefined) return void transaction.respond(this.#response(request, 481));
    if (!dialog.acceptRemoteSeq(request))
      return void transaction.respond(this.#response(request, 500));
    switch (request.method) {
      case 'BYE':
        transaction.respond(this.#response(request, 200));
        return this.#finish(
          isEstablished(this.#status) ? 'ended' : 'failed',
          'remote',
          Causes.BYE,
          request,
        );
      case 'INVITE':
        return this.#receiveOffer(request, transaction as InviteServerTransaction);
      case 'UPDATE':
        return this.#receiveOffer(request, transaction);
      case 'INFO':
        return this.#receiveInfo(request, transaction);
      case 'REFER':
        return this.#refer.receiveRefer(request, transaction);
      case 'NOTIFY':
        return this.#refer.receiveNotify(request, transaction);
      case 'OPTIONS':
        return void transaction.respond(
          this.#response(request, 200, undefined, this.#context.capabilityHeaders()),
        );
      default:
        return void transaction.respond(
          this.#response(request, 405, undefined, this.#context.capabilityHeaders()),
        );
    }
  }

  /** @internal A call that replaces this one arrived (RFC 3891): hand it our media options. */
  replacedBy(session: Session): void {
    this.#events.emit('replaces', { replaced: session.id });
    session.answer(this.#answerOptions);
    session.once('confirmed', () => this.terminate());
  }

  // ----- outgoing INVITE -----

  async #connect(ruri: string, options: CallOptions): Promise<void> {
    const negotiation = this.#setUpMedia(options);
    let offer: string;
    try {
      offer = await this.#serial(() => negotiation.offer());
    } catch (error) {
      return this.#finish('failed', 'local', toNegotiationError(error).cause, undefined);
    }
    if (this.#status === 'terminated') return;
    const invite = this.#buildInvite(ruri, offer, options);
    this.#events.emit('sending', { request: invite });
    const client = new InviteClient(this.#context.transactions, this.#context.channel, invite, {
      onProvisional: (response) => this.#provisional(response, client),
      onSuccess: (response, sent) => this.#answered(response, sent),
      onFailure: (response) =>
        this.#finish('failed', 'remote', causeOfStatus(response.status), response),
      retryAfter: (response, sent) =>
        response.status === 422 && this.#refresh.accept422(response)
          ? withTimerHeaders(sent, this.#refresh.inviteHeaders())
          : undefined,
      onNoResponse: (kind) =>
        this.#finish(
          'failed',
          'system',
          kind === 'timeout' ? Causes.REQUEST_TIMEOUT : Causes.CONNECTION_ERROR,
          undefined,
        ),
    });
    this.#inviteClient = client;
    try {
      client.start();
    } catch (error) {
      this.#context.logger.warn(`session: INVITE not sent: ${(error as Error).message}`);
      this.#finish('failed', 'system', Causes.CONNECTION_ERROR, undefined);
    }
  }

  #buildInvite(ruri: string, offer: string, options: CallOptions): OutgoingRequest {
    const anonymous = options.anonymous === true;
    const request = this.#context.factory.outOfDialog({
      method: 'INVITE',
      ruri,
      callId: this.#callId,
      cseq: 1,
      fromTag: this.#localTag,
      contact: this.#context.identity.dialogContact(anonymous),
      headers: [
        ...this.#context.capabilityHeaders(),
        ...this.#refresh.inviteHeaders(),
        ...(anonymous ? anonymityHeaders(this.#context.identity.addressHeader()) : []),
      ],
      extraHeaders: options.extraHeaders ?? [],
      body: offer,
      contentType: SDP,
    });
    if (!anonymous) return request;
    const headers = request.headers.map((entry): HeaderEntry =>
      entry[0] === 'From' ? ['From', anonymousFrom(this.#localTag)] : entry,
    );
    return { ...request, headers };
  }

  #provisional(response: IncomingResponse, client: InviteClient): void {
    if (!isPreAnswer(this.#status)) return;
    const tag = response.to.tag;
    if (tag !== undefined && !this.#earlyDialogs.has(tag)) {
      const dialog = this.#tryDialog(() =>
        Dialog.fromResponse(client.request, response, this.#context.dialogContext),
      );
      if (dialog !== undefined) {
        this.#earlyDialogs.set(tag, dialog);
        this.#context.attach(dialog, this);
      }
    }
    const sdp = isSdp(response) ? response.body : undefined;
    if (sdp !== undefined && this.#earlyAnswer === undefined) {
      this.#earlyAnswer = sdp;
      const negotiation = this.#negotiation;
      this.#serial(() => negotiation?.accept(sdp, true) ?? Promise.resolve()).catch(
        (error: unknown) =>
          this.#context.logger.warn(
            `session: early media SDP refused: ${(error as Error).message}`,
          ),
      );
    }
    this.#setStatus(this.#earlyAnswer === undefined ? 'ringing' : 'early');
    this.#events.emit('progress', { originator: 'remote', response });
  }

  #answered(response: IncomingResponse, invite: OutgoingRequest): void {
    const tag = response.to.tag ?? '';
    const current = this.#dialog;
    if (current !== undefined && current.id.remoteTag === tag) {
      // A retransmitted 2xx: our ACK was lost somewhere behind the proxy (RFC 3261 §13.2.2.4).
      this.#context.sendAck(current.createAck(response.cseq.seq));
      return;
    }
    if (current !== undefined || this.#status === 'terminated') {
      // A second fork answered, or the callee answered as our CANCEL crossed its 2xx: the
      // dialog exists on the far end, so it is acknowledged and ended at once (§13.2.2.4, §15).
      const stray = this.#tryDialog(() =>
        Dialog.fromResponse(invite, response, this.#context.dialogContext),
      );
      if (stray === undefined) return;
      this.#context.sendAck(stray.createAck(response.cseq.seq));
      void this.#context.channel.send(stray.createRequest('BYE'));
      return;
    }
    const dialog =
      this.#earlyDialogs.get(tag) ??
      this.#tryDialog(() => Dialog.fromResponse(invite, response, this.#context.dialogContext));
    if (dialog === undefined)
      return this.#finish('failed', 'system', Causes.DIALOG_ERROR, response);
    dialog.confirm();
    dialog.refreshTarget(response);
    dialog.updateRemoteHeader(response.header('to'));
    this.#dialog = dialog;
    this.#context.attach(dialog, this);
    for (const [earlyTag, early] of this.#earlyDialogs)
      if (earlyTag !== tag) this.#context.detach(early);
    this.#earlyDialogs.clear();
    this.#startTime = new Date();
    this.#refresh.answered(response);
    this.#setStatus('answered');
    this.#events.emit('accepted', { originator: 'remote', response });
    const sdp = isSdp(response) ? response.body : this.#earlyAnswer;
    const negotiation = this.#negotiation;
    this.#serial(async () => {
      if (sdp === undefined)
        throw new NegotiationError(Causes.MISSING_SDP, 'the 2xx has no SDP answer');
      await negotiation?.accept(sdp);
    }).then(
      () => {
        this.#context.sendAck(dialog.createAck(response.cseq.seq));
        if (this.#status !== 'answered') return;
        this.#setStatus('confirmed');
        this.#events.emit('confirmed', { originator: 'local', ack: undefined });
      },
      (error: unknown) => {
        this.#context.sendAck(dialog.createAck(response.cseq.seq));
        if (this.#status === 'terminated') return;
        this.#bye([]);
        this.#finish('ended', 'system', toNegotiationError(error).cause, response);
      },
    );
  }

  // ----- incoming INVITE -----

  #sendAnswer(
    invite: IncomingRequest,
    transaction: InviteServerTransaction,
    sdp: string,
    offeredHere: boolean,
    options: AnswerOptions,
  ): void {
    if (this.#status !== 'ringing') return; // cancelled while media was being prepared
    const timer = this.#timerAnswer;
    const response = this.#response(
      invite,
      200,
      undefined,
      [...(timer?.headers ?? []), ...(options.extraHeaders ?? [])],
      true,
      sdp,
    );
    if (!transaction.respond(response)) {
      return this.#finish('failed', 'system', Causes.CONNECTION_ERROR, undefined);
    }
    if (timer !== undefined) this.#refresh.accepted(timer);
    this.#dialog?.confirm();
    this.#startTime = new Date();
    this.#setStatus('answered');
    this.#events.emit('accepted', { originator: 'local', response: undefined });
    this.#awaitAck(invite.cseq.seq, transaction, response, (ack) =>
      this.#initialAck(ack, offeredHere),
    );
  }

  #initialAck(ack: IncomingRequest, offeredHere: boolean): void {
    if (this.#byeWhenAcked) return this.#byeAfterAck();
    const finish = (): void => {
      if (this.#status !== 'answered') return;
      this.#setStatus('confirmed');
      this.#events.emit('confirmed', { originator: 'remote', ack });
    };
    if (!offeredHere) return finish();
    // Offer in our 2xx, answer in the ACK (RFC 3261 §13.2.1).
    const negotiation = this.#negotiation;
    this.#serial(async () => {
      if (!isSdp(ack)) throw new NegotiationError(Causes.MISSING_SDP, 'the ACK has no SDP answer');
      await negotiation?.accept(ack.body);
    }).then(finish, (error: unknown) => {
      this.#bye([]);
      this.#finish('ended', 'system', toNegotiationError(error).cause, ack);
    });
  }

  #awaitAck(
    cseq: number,
    transaction: InviteServerTransaction,
    response: OutgoingResponse,
    onAck: (ack: IncomingRequest) => void,
  ): void {
    const retransmitter = new AnswerRetransmitter(
      this.#context.clock,
      this.#context.transactions().timers,
    );
    this.#awaitedAck = { cseq, retransmitter, onAck };
    retransmitter.start(transaction, response, () => {
      this.#awaitedAck = undefined;
      if (this.#byeWhenAcked) return this.#byeAfterAck();
      this.#bye([]);
      this.#finish('ended', 'system', Causes.NO_ACK, undefined);
    });
  }

  #byeAfterAck(): void {
    this.#byeWhenAcked = false;
    this.#bye([]);
    if (this.#dialog !== undefined) this.#context.detach(this.#dialog);
    this.#context.ended(this);
  }

  // ----- mid-call offers (RFC 3261 §14, RFC 3311) -----

  async #changeHold(hold: boolean): Promise<boolean> {
    const negotiation = this.#negotiation;
    if (negotiation === undefined || this.#status !== 'confirmed' || negotiation.localHold === hold)
      return false;
    negotiation.localHold = hold;
    const done = await this.#offer('INVITE', false);
    if (!done) {
      negotiation.localHold = !hold;
      return false;
    }
    this.#events.emit(hold ? 'hold' : 'unhold', { originator: 'local' });
    return true;
  }

  /** Sends our offer in a re-INVITE or UPDATE; resolves true once the answer is applied. */
  async #offer(method: 'INVITE' | 'UPDATE', iceRestart: boolean): Promise<boolean> {
    const negotiation = this.#negotiation;
    const dialog = this.#dialog;
    if (negotiation === undefined || dialog === undefined || this.#status !== 'confirmed')
      return false;
    if (this.#localOfferPending || this.#remoteOfferPending) return false;
    for (;;) {
      this.#localOfferPending = true;
      const result = await this.#offerOnce(method, negotiation, dialog, iceRestart).finally(() => {
        this.#localOfferPending = false;
      });
      if (result !== 'glare') return result === 'ok';
      // RFC 3261 §14.1: 491 -> wait a random time depending on who owns the Call-ID, then retry;
      // meanwhile the far end's own retry is answered normally (we are not "pending" then).
      await this.#wait(glareRetryDelay(dialog.isUac, this.#context.random));
      while (this.#remoteOfferPending && this.#status === 'confirmed') await this.#wait(100);
      if (this.#status !== 'confirmed') return false;
    }
  }

  /** Waits on the glare timer; ending the call cuts the wait short (nothing stays pending). */
  #wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#endWait = resolve;
      this.#glare.schedule(ms, resolve);
    });
  }

  async #offerOnce(
    method: 'INVITE' | 'UPDATE',
    negotiation: Negotiation,
    dialog: Dialog,
    iceRestart: boolean,
  ): Promise<'ok' | 'failed' | 'glare'> {
    let sdp: string;
    try {
      sdp = await this.#serial(() => negotiation.offer(iceRestart));
    } catch (error) {
      this.#context.logger.warn(`session: no offer: ${(error as Error).message}`);
      return 'failed';
    }
    if (this.#status !== 'confirmed') return 'failed';
    const response =
      method === 'UPDATE' ? await this.#sendUpdate(sdp) : await this.#sendReinvite(dialog, sdp);
    const status = response?.status ?? 408;
    if (status >= 200 && status < 300 && response !== undefined) this.#refresh.answered(response);
    if (status >= 200 && status < 300 && response !== undefined && isSdp(response)) {
      try {
        await this.#serial(() => negotiation.accept(response.body));
        return 'ok';
      } catch (error) {
        this.#bye([]);
        this.#finish('ended', 'system', toNegotiationError(error).cause, response);
        return 'failed';
      }
    }
    await this.#serial(() => negotiation.rollback());
    if (status === 491) return 'glare';
    // RFC 3261 §12.2.1.2 / §14.1: 481 or 408 to a mid-dialog request ends the dialog.
    if (status === 481 || status === 408) {
      this.#bye([]);
      this.#finish(
        'ended',
        'system',
        status === 481 ? Causes.DIALOG_ERROR : Causes.REQUEST_TIMEOUT,
        response,
      );
    }
    return 'failed';
  }

  #sendReinvite(dialog: Dialog, sdp: string): Promise<IncomingResponse | undefined> {
    const request = dialog.createRequest('INVITE', {
      headers: [...this.#context.capabilityHeaders(), ...this.#refresh.refreshHeaders()],
      body: sdp,
      contentType: SDP,
    });
    return new Promise((resolve) => {
      let acked = false;
      const client = new InviteClient(this.#context.transactions, this.#context.channel, request, {
        onProvisional: () => undefined,
        onSuccess: (response, sent) => {
          const seq = response.cseq.seq;
          dialog.advanceLocalSeq(seq);
          this.#context.sendAck(dialog.createAck(seq));
          if (acked) return;
          acked = true;
          dialog.refreshTarget(response);
          resolve(response);
          void sent;
        },
        onFailure: (response) => {
          dialog.advanceLocalSeq(response.cseq.seq);
          resolve(response);
        },
        onNoResponse: () => resolve(undefined),
      });
      try {
        client.start();
      } catch {
        resolve(undefined);
      }
    });
  }

  async #sendUpdate(sdp: string): Promise<IncomingResponse | undefined> {
    return this.#requestResponse('UPDATE', {
      headers: [...this.#context.capabilityHeaders(), ...this.#refresh.refreshHeaders()],
      body: sdp,
      contentType: SDP,
    });
  }

  #receiveOffer(request: IncomingRequest, transaction: ServerTransaction): void {
    const isInvite = request.method === 'INVITE';
    if (isInvite && !isEstablished(this.#status)) {
      return void transaction.respond(this.#response(request, 491));
    }
    // RFC 3261 §14.2: our own offer is out -> 491; theirs still open -> 500 with Retry-After.
    const hasOffer = request.body !== '';
    if (hasOffer && this.#localOfferPending)
      return void transaction.respond(this.#response(request, 491));
    if (this.#remoteOfferPending && (isInvite || hasOffer)) {
      return void transaction.respond(
        this.#response(request, 500, undefined, [['Retry-After', '1']]),
      );
    }
    // RFC 4028 §9: a refresh below our Min-SE is refused; otherwise our 2xx states the agreement.
    const timer = this.#refresh.answerTo(request);
    if (timer.kind === 'reject') {
      return void transaction.respond(this.#response(request, 422, undefined, timer.headers));
    }
    const okHeaders = [...this.#context.capabilityHeaders(), ...timer.headers];
    this.#dialog?.refreshTarget(request);
    const negotiation = this.#negotiation;
    if (!hasOffer && !isInvite) {
      // An UPDATE without SDP: a session refresh (RFC 4028) or a target refresh (RFC 3311).
      transaction.respond(this.#response(request, 200, undefined, okHeaders, true));
      this.#refresh.accepted(timer);
      return this.#events.emit('update', { request });
    }
    if (negotiation === undefined) return void transaction.respond(this.#response(request, 488));
    this.#remoteOfferPending = true;
    const work = async (): Promise<{ sdp: string; remoteHoldChanged: boolean }> =>
      hasOffer
        ? negotiation.answer(request.body)
        : { sdp: await negotiation.offer(), remoteHoldChanged: false };
    this.#serial(work).then(
      ({ sdp, remoteHoldChanged }) => {
        const response = this.#response(request, 200, undefined, okHeaders, true, sdp);
        if (!isInvite) {
          this.#remoteOfferPending = false;
          transaction.respond(response);
          this.#refresh.accepted(timer);
          this.#events.emit('update', { request });
          return this.#reportRemoteHold(remoteHoldChanged);
        }
        transaction.respond(response);
        this.#refresh.accepted(timer);
        this.#events.emit('reinvite', { request });
        this.#awaitAck(
          request.cseq.seq,
          transaction as InviteServerTransaction,
          response,
          (ack) => {
            this.#remoteOfferPending = false;
            if (hasOffer) return this.#reportRemoteHold(remoteHoldChanged);
            if (!isSdp(ack)) return;
            this.#serial(() => negotiation.accept(ack.body)).catch(() => undefined);
          },
        );
      },
      () => {
        this.#remoteOfferPending = false;
        transaction.respond(this.#response(request, 488));
      },
    );
  }

  // RFC 4028 §10: the refresher refreshes at half the interval. A re-INVITE carries our current
  // SDP as an offer (same media); an UPDATE carries no SDP. Any refresh already in flight (a hold
  // re-INVITE, the far end's offer) refreshes the session too, so none is added then.
  async #sendRefresh(method: 'UPDATE' | 'INVITE'): Promise<void> {
    if (this.#status !== 'confirmed' || this.#localOfferPending || this.#remoteOfferPending) {
      return this.#refresh.retryLater();
    }
    if (method === 'INVITE') {
      if (!(await this.#offer('INVITE', false)) && this.#status === 'confirmed')
        this.#refresh.retryLater();
      return;
    }
    for (;;) {
      this.#localOfferPending = true;
      const response = await this.#requestResponse('UPDATE', {
        headers: [...this.#context.capabilityHeaders(), ...this.#refresh.refreshHeaders()],
      }).finally(() => {
        this.#localOfferPending = false;
      });
      if (this.#status !== 'confirmed') return;
      const status = response?.status ?? 408;
      if (status >= 200 && status < 300 && response !== undefined)
        return this.#refresh.answered(response);
      if (status === 408 || status === 481) {
        this.#bye([]);
        return this.#finish(
          'ended',
          'system',
          status === 481 ? Causes.DIALOG_ERROR : Causes.REQUEST_TIMEOUT,
          response,
        );
      }
      if (status !== 491) return this.#refresh.retryLater();
      await this.#wait(glareRetryDelay(this.#dialog?.isUac ?? true, this.#context.random));
      if (this.#status !== 'confirmed') return;
    }
  }

  // RFC 4028 §10: no refresh came by interval - min(32, interval / 3): the session is gone.
  #timerExpired(): void {
    if (this.#status === 'terminated') return;
    this.#bye([], [['Reason', 'SIP;cause=408;text="Session Timer Expired"']]);
    this.#finish('ended', 'system', Causes.SESSION_TIMER_EXPIRED, undefined);
  }

  #reportRemoteHold(changed: boolean): void {
    if (!changed || this.#negotiation === undefined) return;
    this.#events.emit(this.#negotiation.remoteHold ? 'hold' : 'unhold', { originator: 'remote' });
  }

  #receiveInfo(request: IncomingRequest, transaction: ServerTransaction): void {
    const contentType = request.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
    transaction.respond(this.#response(request, 200));
    const dtmf = contentType === DTMF_RELAY_CONTENT_TYPE ? parseDtmfRelay(request.body) : undefined;
    if (dtmf !== undefined) {
      return this.#events.emit('newDTMF', { originator: 'remote', dtmf, request });
    }
    this.#events.emit('newInfo', {
      originator: 'remote',
      info: { contentType, body: request.body },
      request,
    });
  }

  // ----- shared machinery -----

  #setUpMedia(options: CallOptions | AnswerOptions): Negotiation {
    const media = this.#context.createMediaHandler(options);
    const negotiation = new Negotiation(media, (originator, type, sdp) =>
      this.#events.emit('sdp', { originator, type, sdp }),
    );
    negotiation.forward('icecandidate', (payload) => this.#events.emit('icecandidate', payload));
    negotiation.forward('remotestream', (payload) => this.#events.emit('remotestream', payload));
    negotiation.forward('connectionstate', ({ state }) => {
      if (state === 'failed' && isEstablished(this.#status)) {
        this.#bye([]);
        this.#finish('ended', 'system', Causes.RTP_TIMEOUT, undefined);
      }
    });
    this.#negotiation = negotiation;
    return negotiation;
  }

  /** Runs media steps one after another: SDP operations must not interleave (JSEP). */
  #serial<T>(step: () => Promise<T>): Promise<T> {
    const next = this.#media.then(step, step);
    this.#media = next.catch(() => undefined);
    return next;
  }

  /** A response to `request` with our To-tag and, for dialog responses, Contact and Record-Route. */
  #response(
    request: IncomingRequest,
    status: number,
    reason?: string,
    extra: readonly (string | HeaderEntry)[] = [],
    dialogResponse = false,
    sdp?: string,
  ): OutgoingResponse {
    const extraLines = extra.filter((e): e is string => typeof e === 'string');
    const entries = extra.filter((e): e is HeaderEntry => typeof e !== 'string');
    const headers: HeaderEntry[] = [...entries];
    if (dialogResponse) {
      headers.push(['Contact', this.#context.identity.dialogContact()]);
      if (request.method === 'INVITE' && status >= 200)
        headers.push(...this.#context.capabilityHeaders());
    }
    if (sdp !== undefined) headers.push(['Content-Type', SDP]);
    return createResponse(request, status, reason, {
      toTag: request.to.tag === undefined ? this.#localTag : undefined,
      recordRoute: dialogResponse && request.to.tag === undefined,
      headers: this.#context.factory.commonHeaders(headers, extraLines),
      body: sdp,
    });
  }

  /** Sends a request in the dialog (with digest retries); resolves with the final status (0: none). */
  async #request(
    method: string,
    init: {
      readonly body?: string;
      readonly contentType?: string;
      readonly extraHeaders?: readonly string[];
      readonly headers?: readonly HeaderEntry[];
    },
  ): Promise<number> {
    return (await this.#requestResponse(method, init))?.status ?? 0;
  }

  async #requestResponse(
    method: string,
    init: {
      readonly body?: string;
      readonly contentType?: string;
      readonly extraHeaders?: readonly string[];
      readonly headers?: readonly HeaderEntry[];
    },
  ): Promise<IncomingResponse | undefined> {
    const dialog = this.#dialog;
    if (dialog === undefined) return undefined;
    const outcome = await this.#context.channel.send(dialog.createRequest(method, init));
    dialog.advanceLocalSeq(outcome.cseq);
    return outcome.kind === 'response' ? outcome.response : undefined;
  }

  #bye(extraHeaders: readonly string[], headers: readonly HeaderEntry[] = []): void {
    const dialog = this.#dialog;
    if (dialog === undefined) return;
    try {
      void this.#context.channel.send(dialog.createRequest('BYE', { headers, extraHeaders }));
    } catch (error) {
      this.#context.logger.warn(`session: BYE not sent: ${(error as Error).message}`);
    }
  }

  #setMuted(options: { readonly audio?: boolean; readonly video?: boolean }, muted: boolean): void {
    const changed = { audio: false, video: false };
    for (const kind of ['audio', 'video'] as const) {
      if (options[kind] !== true || this.#muted[kind] === muted) continue;
      this.#muted[kind] = muted;
      changed[kind] = true;
      this.#negotiation?.media.setMuted(kind, muted);
    }
    if (changed.audio || changed.video) this.#events.emit(muted ? 'muted' : 'unmuted', changed);
  }

  #setStatus(status: SessionStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.#events.emit('statuschange', { status });
  }

  #tryDialog(make: () => Dialog): Dialog | undefined {
    try {
      return make();
    } catch (error) {
      if (error instanceof SipParseError) {
        this.#context.logger.warn(`session: cannot build the dialog: ${error.message}`);
        return undefined;
      }
      throw error;
    }
  }

  #finish(
    kind: 'ended' | 'failed',
    originator: Originator,
    cause: Cause,
    message: IncomingRequest | IncomingResponse | undefined,
  ): void {
    if (this.#status === 'terminated') return;
    this.#noAnswer.cancel();
    this.#glare.cancel();
    this.#endWait?.();
    this.#refresh.close();
    this.#dtmf?.stop();
    if (!this.#byeWhenAcked) {
      this.#awaitedAck?.retransmitter.stop();
      this.#awaitedAck = undefined;
      if (this.#dialog !== undefined) this.#context.detach(this.#dialog);
    }
    for (const early of this.#earlyDialogs.values()) this.#context.detach(early);
    this.#earlyDialogs.clear();
    this.#negotiation?.close();
    this.#refer.stop();
    this.#cause = cause;
    this.#endTime = new Date();
    this.#setStatus('terminated');
    this.#events.emit(kind, { originator, cause, message });
    if (!this.#byeWhenAcked) this.#context.ended(this);
  }
}

function isSdp(message: IncomingRequest | IncomingResponse): boolean {
  if (message.body === '') return false;
  const type = message.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  return type === undefined || type === SDP;
}

const TIMER_HEADERS = new Set(['session-expires', 'x', 'min-se', 'cseq']);

/** The INVITE again with new session-timer headers and the next CSeq (RFC 4028 §7.3 retry). */
function withTimerHeaders(
  request: OutgoingRequest,
  timer: readonly HeaderEntry[],
): OutgoingRequest {
  const cseq = request.headers.find(([name]) => name.toLowerCase() === 'cseq')?.[1] ?? '1 INVITE';
  const next = Number.parseInt(cseq, 10) + 1;
  const headers: HeaderEntry[] = [];
  for (const entry of request.headers) {
    const key = entry[0].toLowerCase();
    if (key === 'cseq') headers.push([entry[0], `${next} ${request.method}`]);
    else if (!TIMER_HEADERS.has(key)) headers.push(entry);
  }
  headers.push(...timer);
  return { ...request, headers };
}
