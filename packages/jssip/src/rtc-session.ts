import type { AnswerOptions, Session, SessionStatus } from '@sipkit/core';
import { C, SessionStatusCodes } from './constants.js';
import { EventEmitter } from './event-emitter.js';
import { InvalidStateError } from './exceptions.js';
import { withLegacyStreams, type JsSipPeerConnection } from './legacy-streams.js';
import { NameAddrHeader } from './name-addr-header.js';
import { ReferSubscriber, type ReferEventHandlers } from './refer-subscriber.js';
import type { RTCSessionEventMap } from './rtc-session-events.js';
import { bridgeSessionEvents, streamsOf } from './session-event-bridge.js';

/** What an RTCSession needs from its UA: the JsSIP face of other SipKit sessions. */
export interface SessionDirectory {
  wrap(session: Session): RTCSession;
  /** The RTCSession of a live call, by SipKit session id. */
  find(id: string): RTCSession | undefined;
  /** Calls `callback` with the next call this UA places (a transfer's new call). */
  nextOutgoing(callback: (session: RTCSession) => void): void;
  /** Reports an error thrown by app code the adapter called (logged through the UA's logger). */
  reportError(message: string, error: unknown): void;
}

/** Options of `session.answer()`, JsSIP's names. */
export interface JsSipAnswerOptions {
  readonly extraHeaders?: readonly string[];
  readonly mediaConstraints?: MediaStreamConstraints;
  readonly mediaStream?: MediaStream;
  readonly pcConfig?: RTCConfiguration;
  readonly rtcConstraints?: AnswerOptions['rtcConstraints'];
  readonly rtcAnswerConstraints?: RTCAnswerOptions;
  readonly rtcOfferConstraints?: RTCOfferOptions;
}

/** Options of `hold()`, `unhold()` and `renegotiate()`. */
export interface JsSipReOfferOptions {
  /** Send the new offer in an UPDATE (RFC 3311) instead of a re-INVITE. */
  readonly useUpdate?: boolean;
  readonly extraHeaders?: readonly string[];
  readonly rtcOfferConstraints?: RTCOfferOptions;
}

/** Options of `sendDTMF()`: INFO by default, as in JsSIP. */
export interface JsSipDtmfOptions {
  readonly duration?: number;
  readonly interToneGap?: number;
  readonly extraHeaders?: readonly string[];
  /** `'INFO'` (default) or `'RFC2833'` (RTP telephone-events, RFC 4733). */
  readonly transportType?: 'INFO' | 'RFC2833';
}

/** Options of `terminate()`. */
export interface JsSipTerminateOptions {
  readonly extraHeaders?: readonly string[];
  readonly status_code?: number;
  readonly reason_phrase?: string;
}

/**
 * JsSIP's RTCSession over a SipKit `Session`: JsSIP's snake_case identities, `connection` (the
 * RTCPeerConnection with `getLocalStreams`/`getRemoteStreams`/`addstream` added), numeric
 * `status`, JsSIP's event names and payloads, boolean returns and `done` callbacks.
 *
 * @example
 * ua.on('newRTCSession', ({ session }) => {
 *   console.log(session.remote_identity.display_name);
 *   session.on('confirmed', () => video.srcObject = session.connection.getRemoteStreams()[0]);
 * });
 */
export class RTCSession extends EventEmitter<RTCSessionEventMap> {
  static readonly C = SessionStatusCodes;
  readonly C = SessionStatusCodes;
  readonly causes = C.causes;
  /** Free space for the app (JsSIP's `session.data`; `call()`'s `data` option lands here). */
  data: Record<string, unknown> = {};
  readonly #session: Session;
  readonly #directory: SessionDirectory;
  #localIdentity: NameAddrHeader | undefined;
  #remoteIdentity: NameAddrHeader | undefined;
  #remoteIdentitySource: Session['remoteIdentity'] | undefined;
  /** Our hold as last asked for, while the far end has not answered it yet. */
  #localHold: boolean | undefined;

  /** @internal Made by the adapter's UA for each SipKit session. */
  constructor(session: Session, directory: SessionDirectory) {
    super();
    this.#session = session;
    this.#directory = directory;
    bridgeSessionEvents(session, this, directory);
  }

  /** The SipKit session behind this one (for code that moves on to SipKit's API). */
  get sipkit(): Session {
    return this.#session;
  }
  get id(): string {
    return this.#session.id;
  }
  get direction(): 'outgoing' | 'incoming' {
    return this.#session.direction;
  }
  /** The call's RTCPeerConnection (with the legacy stream API), undefined before it exists. */
  get connection(): JsSipPeerConnection | undefined {
    const pc = this.#session.connection;
    return pc === undefined ? undefined : withLegacyStreams(pc, streamsOf(this.#session));
  }
  get local_identity(): NameAddrHeader {
    this.#localIdentity ??= NameAddrHeader.fromIdentity(this.#session.localIdentity);
    return this.#localIdentity;
  }
  /** The far end; updated when its answer gives a display name. */
  get remote_identity(): NameAddrHeader {
    const source = this.#session.remoteIdentity;
    if (this.#remoteIdentity === undefined || source !== this.#remoteIdentitySource) {
      this.#remoteIdentitySource = source;
      this.#remoteIdentity = NameAddrHeader.fromIdentity(source);
    }
    return this.#remoteIdentity;
  }
  get start_time(): Date | undefined {
    return this.#session.startTime;
  }
  get end_time(): Date | undefined {
    return this.#session.endTime;
  }
  /** One of `RTCSession.C` (JsSIP's numeric states). */
  get status(): number {
    return statusCode(this.#session.status, this.#session.direction, this.#session.cause);
  }

  isInProgress(): boolean {
    return this.#session.isInProgress();
  }
  isEstablished(): boolean {
    return this.#session.isEstablished();
  }
  isEnded(): boolean {
    return this.#session.isEnded();
  }
  /** True when a hold, unhold or renegotiate may start now (no offer/answer under way). */
  isReadyToReOffer(): boolean {
    return this.#session.isReadyToReOffer();
  }
  /** `local` changes as soon as `hold()`/`unhold()` starts, as in JsSIP. */
  isOnHold(): { local: boolean; remote: boolean } {
    const { local, remote } = this.#session.isOnHold();
    return { local: this.#localHold ?? local, remote };
  }
  isMuted(): { audio: boolean; video: boolean } {
    return { ...this.#session.isMuted() };
  }

  /** Answers an incoming call. Throws `InvalidStateError` when the call is not one waiting for an answer. */
  answer(options: JsSipAnswerOptions = {}): void {
    if (this.#session.direction !== 'incoming' || this.#session.status !== 'ringing') {
      throw new InvalidStateError(
        this.status,
        'answer() is only for an incoming call that is ringing',
      );
    }
    this.#session.answer(answerOptions(options));
  }

  /** Hangs up, cancels or rejects, whatever the state. Throws `InvalidStateError` once ended. */
  terminate(options: JsSipTerminateOptions = {}): void {
    if (this.#session.isEnded())
      throw new InvalidStateError(this.status, 'the call has already ended');
    this.#session.terminate(options);
  }

  /**
   * Puts the call on hold (our media `sendonly`, RFC 3264 §8.4), by re-INVITE or with
   * `useUpdate` by UPDATE. Returns false when that cannot start now (not established, already
   * held, an offer under way); `done` runs once the far end accepted.
   */
  hold(options: JsSipReOfferOptions = {}, done?: () => void): boolean {
    return this.#changeHold(true, options, done);
  }
  /** Resumes a call we held; same rules as `hold()`. */
  unhold(options: JsSipReOfferOptions = {}, done?: () => void): boolean {
    return this.#changeHold(false, options, done);
  }

  /**
   * JsSIP reports our hold (`hold`/`unhold` with originator `local`, `isOnHold().local`) when it
   * is asked for, not when the far end accepts it; SipKit's session reports it on acceptance.
   * So the adapter reports it at once, and if the far end refuses, reports the way back.
   */
  #changeHold(
    hold: boolean,
    options: JsSipReOfferOptions,
    done: (() => void) | undefined,
  ): boolean {
    if (!this.#canReOffer() || this.isOnHold().local === hold) return false;
    this.#localHold = hold;
    this.emit(hold ? 'hold' : 'unhold', { originator: 'local' });
    const change = hold
      ? this.#session.hold(reOffer(options))
      : this.#session.unhold(reOffer(options));
    void change
      .then((ok) => {
        this.#localHold = undefined;
        if (ok) done?.();
        else if (!this.#session.isEnded())
          this.emit(hold ? 'unhold' : 'hold', { originator: 'local' });
      })
      .catch((error: unknown) =>
        this.#directory.reportError(`session: a ${hold ? 'hold' : 'unhold'} callback threw`, error),
      );
    return true;
  }
  /** Sends a new offer with the same media (re-INVITE, or UPDATE with `useUpdate`). */
  renegotiate(options: JsSipReOfferOptions = {}, done?: () => void): boolean {
    if (!this.#canReOffer()) return false;
    void this.#session
      .renegotiate(reOffer(options))
      .then((ok) => ok && done?.())
      .catch((error: unknown) =>
        this.#directory.reportError('session: a renegotiate callback threw', error),
      );
    return true;
  }

  mute(options: { audio?: boolean; video?: boolean } = { audio: true }): void {
    this.#session.mute(options);
  }
  unmute(options: { audio?: boolean; video?: boolean } = { audio: true }): void {
    this.#session.unmute(options);
  }

  /** Sends DTMF: SIP INFO by default (JsSIP's default), RTP with `transportType: 'RFC2833'`. */
  sendDTMF(tones: string | number, options: JsSipDtmfOptions = {}): void {
    if (tones === '' || !/^[0-9A-D#*,]+$/i.test(String(tones))) {
      throw new TypeError(`Invalid DTMF tones: ${String(tones)}`);
    }
    if (this.#session.status !== 'confirmed')
      throw new InvalidStateError(this.status, 'DTMF needs a confirmed call');
    this.#session.sendDTMF(tones, {
      transport: options.transportType === 'RFC2833' ? 'rfc4733' : 'info',
      ...(options.duration === undefined ? {} : { duration: options.duration }),
      ...(options.interToneGap === undefined ? {} : { interToneGap: options.interToneGap }),
      ...(options.extraHeaders === undefined ? {} : { extraHeaders: options.extraHeaders }),
    });
  }

  /** Sends an INFO (RFC 6086) in the call. Throws `InvalidStateError` when the call is not established. */
  sendInfo(
    contentType: string,
    body?: string,
    options: { readonly extraHeaders?: readonly string[] } = {},
  ): void {
    if (!this.#session.isEstablished())
      throw new InvalidStateError(this.status, 'INFO needs an established call');
    void this.#session.sendInfo(contentType, body ?? '', options).catch(() => undefined);
  }

  /**
   * Transfers the far end to `target` (RFC 3515 REFER); `replaces` (another RTCSession) makes
   * it an attended transfer (RFC 3891). Progress arrives on the returned `ReferSubscriber`.
   */
  refer(
    target: string,
    options: {
      readonly extraHeaders?: readonly string[];
      readonly eventHandlers?: ReferEventHandlers;
      readonly replaces?: RTCSession;
    } = {},
  ): ReferSubscriber {
    if (this.#session.status !== 'confirmed')
      throw new InvalidStateError(this.status, 'REFER needs a confirmed call');
    const subscriber = new ReferSubscriber();
    for (const [event, handler] of Object.entries(options.eventHandlers ?? {})) {
      subscriber.on(event as keyof ReferEventHandlers, handler as (payload: unknown) => void);
    }
    const stop = this.#session.on('referProgress', (progress) => {
      subscriber.notified(progress);
      if (progress.final) stop();
    });
    const dialogId = options.replaces?.sipkit.dialogId;
    const remoteTarget = options.replaces?.sipkit.remoteTarget;
    const replaces =
      dialogId === undefined
        ? undefined
        : { dialogId, ...(remoteTarget === undefined ? {} : { remoteTarget }) };
    void this.#session
      .refer(target, {
        ...(options.extraHeaders === undefined ? {} : { extraHeaders: options.extraHeaders }),
        ...(replaces === undefined ? {} : { replaces }),
      })
      .then(
        (status) => subscriber.requestDone(status),
        () => subscriber.requestDone(0),
      );
    return subscriber;
  }

  #canReOffer(): boolean {
    return this.#session.status === 'confirmed' && this.#session.isReadyToReOffer();
  }
}

function reOffer(options: JsSipReOfferOptions): { readonly useUpdate?: boolean } {
  return options.useUpdate === true ? { useUpdate: true } : {};
}

function answerOptions(options: JsSipAnswerOptions): AnswerOptions {
  const {
    extraHeaders,
    mediaConstraints,
    mediaStream,
    pcConfig,
    rtcConstraints,
    rtcAnswerConstraints,
    rtcOfferConstraints,
  } = options;
  return {
    ...(rtcConstraints === undefined ? {} : { rtcConstraints }),
    ...(extraHeaders === undefined ? {} : { extraHeaders }),
    ...(mediaConstraints === undefined ? {} : { mediaConstraints }),
    ...(mediaStream === undefined ? {} : { mediaStream }),
    ...(pcConfig === undefined ? {} : { pcConfig }),
    ...(rtcAnswerConstraints === undefined ? {} : { rtcAnswerConstraints }),
    ...(rtcOfferConstraints === undefined ? {} : { rtcOfferConstraints }),
  };
}

/** JsSIP's numeric state for a SipKit status. */
export function statusCode(
  status: SessionStatus,
  direction: 'outgoing' | 'incoming',
  cause: string | undefined,
): number {
  const S = SessionStatusCodes;
  switch (status) {
    case 'connecting':
      return S.STATUS_INVITE_SENT;
    case 'ringing':
    case 'early':
      return direction === 'outgoing' ? S.STATUS_1XX_RECEIVED : S.STATUS_WAITING_FOR_ANSWER;
    case 'answered':
      return direction === 'outgoing' ? S.STATUS_CONFIRMED : S.STATUS_WAITING_FOR_ACK;
    case 'confirmed':
      return S.STATUS_CONFIRMED;
    case 'terminated':
      return cause === C.causes.CANCELED ? S.STATUS_CANCELED : S.STATUS_TERMINATED;
  }
}
