import { systemClock, type Clock } from '../transport/clock.js';
import { TypedEmitter } from '../transport/typed-emitter.js';
import { resolveDtmfOptions } from './dtmf-options.js';
import {
  DEFAULT_ICE_GATHERING_MAX_TIME,
  DEFAULT_ICE_GATHERING_TIMEOUT,
  gatherLocalDescription,
} from './ice-gathering.js';
import { acquireLocalMedia, stopTracks, type LocalMedia } from './local-media.js';
import {
  MediaDescriptionError,
  type DtmfOptions,
  type LocalDescriptionOptions,
  type MediaHandler,
  type MediaHandlerEvents,
  type MediaHandlerFactory,
  type MediaHandlerOptions,
  type MediaStats,
  type MediaStep,
  type Unsubscribe,
} from './media-handler.js';
import { inboundAudioPackets, reduceStats, type TrafficSample } from './media-stats.js';
import { namedError } from './named-error.js';
import type {
  GetUserMedia,
  MediaStreamConstructor,
  PeerConnectionConstructor,
  PeerConnectionLike,
  TrackEventLike,
} from './peer-connection-like.js';
import { offerOptions, setHoldDirections } from './transceiver-directions.js';
import { globalWebRtc, type WebRtcRuntime } from './webrtc-runtime.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * `MediaHandlerOptions` plus what a runtime without the browser globals (tests, React Native,
 * Electron main...) injects. Anything not given is looked up on `globalThis` when the handler is
 * created.
 */
export interface WebRtcMediaHandlerOptions extends MediaHandlerOptions {
  readonly RTCPeerConnection?: PeerConnectionConstructor | undefined;
  readonly getUserMedia?: GetUserMedia | undefined;
  readonly MediaStream?: MediaStreamConstructor | undefined;
  /** Timers of the ICE gathering wait. Default: the global timers. */
  readonly clock?: Clock | undefined;
}

const NO_STATS: MediaStats = Object.freeze({
  sendBitrate: undefined,
  receiveBitrate: undefined,
  packetsReceived: undefined,
  packetsLost: undefined,
  packetLoss: undefined,
  jitter: undefined,
  roundTripTime: undefined,
  report: undefined,
});

/**
 * The default `MediaHandler`: one RTCPeerConnection per call, created on the first offer, answer
 * or remote description. Local media comes from the call options' `mediaStream`, else from
 * getUserMedia on the first offer/answer. Offers and answers are returned once ICE gathering has
 * ended or timed out (see `gatherLocalDescription`), because SIP sends them whole.
 *
 * @example
 * ```ts
 * const media = new WebRtcMediaHandler({ pcConfig: { iceServers: [{ urls: 'stun:stun.example.org' }] } });
 * const offer = await media.createOffer({ localHold: false });
 * // ... send it in an INVITE, then:
 * await media.setRemoteDescription({ type: 'answer', sdp: answerFromThe200 });
 * media.close();
 * ```
 */
export class WebRtcMediaHandler implements MediaHandler {
  readonly #options: WebRtcMediaHandlerOptions;
  readonly #runtime: WebRtcRuntime;
  readonly #clock: Clock;
  readonly #iceGatheringTimeout: number;
  readonly #iceGatheringMaxTime: number;
  readonly #emitter = new TypedEmitter<MediaHandlerEvents>();
  readonly #closing = new AbortController();
  readonly #muted = { audio: false, video: false };
  #pc: PeerConnectionLike | undefined;
  #localMedia: Promise<LocalMedia> | undefined;
  /** Tracks `replaceLocalMedia` acquired into an app-given stream: ours to stop on close. */
  readonly #acquired = new Set<MediaStreamTrack>();
  #local: LocalMedia | undefined;
  #remote: MediaStream | undefined;
  #sample: TrafficSample | undefined;
  #closed = false;
  /** Ends the ICE gathering wait in progress (the `ready()` of `icecandidate`). */
  #gatheringReady: AbortController | undefined;

  /** @throws RangeError for a negative or non-finite ICE gathering time. */
  constructor(options: WebRtcMediaHandlerOptions = {}) {
    this.#options = options;
    const globals = globalWebRtc();
    this.#runtime = {
      RTCPeerConnection: options.RTCPeerConnection ?? globals.RTCPeerConnection,
      getUserMedia: options.getUserMedia ?? globals.getUserMedia,
      MediaStream: options.MediaStream ?? globals.MediaStream,
    };
    this.#clock = options.clock ?? systemClock;
    this.#iceGatheringTimeout = milliseconds(
      'iceGatheringTimeout',
      options.iceGatheringTimeout ?? DEFAULT_ICE_GATHERING_TIMEOUT,
    );
    this.#iceGatheringMaxTime = milliseconds(
      'iceGatheringMaxTime',
      options.iceGatheringMaxTime ?? DEFAULT_ICE_GATHERING_MAX_TIME,
    );
  }

  /** The peer connection, once the first offer, answer or remote description created it. */
  get connection(): PeerConnectionLike | undefined {
    return this.#pc;
  }

  createConnection(): void {
    this.#connect();
  }

  get localStream(): MediaStream | undefined {
    return this.#local?.stream ?? this.#options.mediaStream;
  }

  get remoteStream(): MediaStream | undefined {
    return this.#remote;
  }

  async createOffer(options: LocalDescriptionOptions): Promise<string> {
    const pc = await this.#prepare(options.localHold);
    const iceRestart = options.iceRestart === true;
    // Computed after the hold directions are set: see `offerOptions` (no m= lines added by hold).
    const constraints = offerOptions(this.#options.rtcOfferConstraints, pc.getTransceivers());
    const offer = await this.#step('createOffer', () =>
      pc.createOffer({ ...constraints, ...(iceRestart ? { iceRestart } : {}) }),
    );
    return this.#applyLocal(pc, offer, iceRestart);
  }

  async createAnswer(options: LocalDescriptionOptions): Promise<string> {
    const pc = await this.#prepare(options.localHold);
    const answer = await this.#step('createAnswer', () =>
      pc.createAnswer(this.#options.rtcAnswerConstraints),
    );
    return this.#applyLocal(pc, answer, false);
  }

  async setRemoteDescription(description: {
    readonly type: 'offer' | 'answer' | 'pranswer';
    readonly sdp: string;
  }): Promise<void> {
    const pc = this.#connect();
    try {
      await pc.setRemoteDescription({ type: description.type, sdp: description.sdp });
    } catch (error) {
      this.#emit('failure', { step: 'setRemoteDescription', error: asError(error) });
      // Wrong signalling state is our sequencing problem, not the far end's SDP.
      if (error instanceof Error && error.name === 'InvalidStateError') throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new MediaDescriptionError(
        DEV
          ? `remote ${description.type} rejected: ${reason}`
          : `media.remote-sdp-rejected ${description.type} ${reason}`,
        { cause: error },
      );
    }
  }

  async rollback(): Promise<void> {
    const pc = this.#pc;
    if (this.#closed || pc === undefined || pc.signalingState !== 'have-local-offer') return;
    await pc.setLocalDescription({ type: 'rollback' });
  }

  async replaceLocalMedia(constraints: MediaStreamConstraints): Promise<void> {
    this.#assertOpen();
    const getUserMedia = this.#runtime.getUserMedia;
    if (getUserMedia === undefined) {
      throw namedError(
        'NotSupportedError',
        DEV ? 'getUserMedia is not available in this runtime' : 'media.no-get-user-media',
      );
    }
    const fresh = await getUserMedia(constraints);
    if (this.#closed) stopTracks(fresh);
    this.#assertOpen();
    const senders = this.#pc?.getSenders() ?? [];
    const local = this.#local;
    for (const track of fresh.getTracks()) {
      const sender = senders.find((candidate) => candidate.track?.kind === track.kind);
      // A kind the call does not send yet would need a renegotiation: not this method's job.
      if (sender === undefined || local === undefined) {
        track.stop();
        continue;
      }
      const old = sender.track;
      await sender.replaceTrack(track);
      // The same stream object keeps showing local media (a <video> bound to it stays live).
      if (old !== null) local.stream.removeTrack(old);
      local.stream.addTrack(track);
      if (!local.owned) this.#acquired.add(track);
      if (old !== null && (this.#acquired.delete(old) || local.owned)) old.stop();
    }
    this.#applyMute('audio');
    this.#applyMute('video');
  }

  setMuted(kind: 'audio' | 'video', muted: boolean): void {
    this.#muted[kind] = muted;
    this.#applyMute(kind);
  }

  /**
   * Tones are appended to any still queued: `insertDTMF` alone would replace the queue and drop
   * keys pressed in quick succession.
   *
   * @throws RangeError when duration or gap are out of range (checked before anything else).
   */
  sendDtmf(tones: string, options?: DtmfOptions): boolean {
    const { duration, interToneGap } = resolveDtmfOptions(options);
    if (this.#closed || this.#pc === undefined) return false;
    const dtmf = this.#pc
      .getSenders()
      .find((sender) => sender.track?.kind === 'audio' && sender.dtmf !== null)?.dtmf;
    if (dtmf === undefined || dtmf === null || !dtmf.canInsertDTMF) return false;
    dtmf.insertDTMF(dtmf.toneBuffer + tones, duration, interToneGap);
    return true;
  }

  async getStats(): Promise<MediaStats> {
    if (this.#closed || this.#pc === undefined) return NO_STATS;
    const { stats, sample } = reduceStats(await this.#pc.getStats(), this.#sample);
    this.#sample = sample;
    return stats;
  }

  async audioPacketsReceived(): Promise<number | undefined> {
    if (this.#closed || this.#pc === undefined) return undefined;
    return inboundAudioPackets(await this.#pc.getStats());
  }

  on<K extends keyof MediaHandlerEvents>(
    event: K,
    listener: (payload: MediaHandlerEvents[K]) => void,
  ): Unsubscribe {
    return this.#emitter.on(event, listener);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#closing.abort();
    if (this.#local?.owned === true) stopTracks(this.#local.stream);
    for (const track of this.#acquired) track.stop();
    this.#pc?.close();
  }

  /** The connection with local media attached and directions set for the hold state. */
  async #prepare(localHold: boolean): Promise<PeerConnectionLike> {
    const pc = this.#connect();
    await this.#attachLocalMedia(pc);
    this.#assertOpen();
    setHoldDirections(pc.getTransceivers(), localHold);
    return pc;
  }

  async #applyLocal(
    pc: PeerConnectionLike,
    description: RTCSessionDescriptionInit,
    iceRestart: boolean,
  ): Promise<string> {
    this.#assertOpen();
    const ready = new AbortController();
    this.#gatheringReady = ready;
    return this.#step('setLocalDescription', () =>
      gatherLocalDescription(pc, description, {
        timeout: this.#iceGatheringTimeout,
        maxTime: this.#iceGatheringMaxTime,
        clock: this.#clock,
        iceRestart,
        signal: this.#closing.signal,
        readySignal: ready.signal,
      }),
    );
  }

  /** Runs one WebRTC step; a failure is reported (`failure`) before it rejects the caller. */
  async #step<T>(step: MediaStep, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      // A close during the step is not the step's failure.
      if (!(error instanceof Error && error.name === 'AbortError')) {
        this.#emit('failure', { step, error: asError(error) });
      }
      throw error;
    }
  }

  readonly #ready = (): void => {
    this.#gatheringReady?.abort();
  };

  #connect(): PeerConnectionLike {
    this.#assertOpen();
    if (this.#pc !== undefined) return this.#pc;
    const PeerConnection = this.#runtime.RTCPeerConnection;
    if (PeerConnection === undefined) {
      throw namedError(
        'NotSupportedError',
        DEV ? 'RTCPeerConnection is not available in this runtime' : 'media.no-peer-connection',
      );
    }
    const { pcConfig, rtcConstraints } = this.#options;
    const pc =
      rtcConstraints === undefined
        ? new PeerConnection(pcConfig)
        : new PeerConnection(pcConfig, rtcConstraints);
    pc.addEventListener('icecandidate', ({ candidate }) =>
      this.#emit('icecandidate', { candidate, ready: this.#ready }),
    );
    pc.addEventListener('track', (event) => this.#onTrack(event));
    pc.addEventListener('connectionstatechange', () =>
      this.#emit('connectionstate', { state: pc.connectionState }),
    );
    pc.addEventListener('iceconnectionstatechange', () =>
      this.#emit('icestate', { state: pc.iceConnectionState }),
    );
    this.#pc = pc;
    this.#emit('peerconnection', { connection: pc });
    return pc;
  }

  #attachLocalMedia(pc: PeerConnectionLike): Promise<LocalMedia> {
    this.#localMedia ??= acquireLocalMedia({
      mediaStream: this.#options.mediaStream,
      mediaConstraints: this.#options.mediaConstraints,
      getUserMedia: this.#runtime.getUserMedia,
    }).then(
      (media) => {
        this.#local = media;
        // Closed while getUserMedia was pending: release the devices at once.
        if (this.#closed && media.owned) stopTracks(media.stream);
        this.#assertOpen();
        this.#applyMute('audio');
        this.#applyMute('video');
        for (const track of media.stream.getTracks()) pc.addTrack(track, media.stream);
        return media;
      },
      (error: unknown) => {
        // Let a later offer or answer ask again (the user may grant access next time).
        this.#localMedia = undefined;
        if (!this.#closed) this.#emit('failure', { step: 'getUserMedia', error: asError(error) });
        throw error;
      },
    );
    return this.#localMedia;
  }

  #onTrack(event: TrackEventLike): void {
    let stream = event.streams[0];
    if (stream === undefined) {
      // The far end sent no a=msid (RFC 8830): collect such tracks in one stream of our own.
      stream = this.#remote ?? this.#newStream();
      if (stream === undefined) return;
      if (!stream.getTracks().includes(event.track)) stream.addTrack(event.track);
    }
    const current = stream;
    this.#remote = current;
    event.track.addEventListener('ended', () => this.#emit('remotestream', { stream: current }));
    this.#emit('remotestream', { stream: current });
  }

  #newStream(): MediaStream | undefined {
    const Stream = this.#runtime.MediaStream;
    return Stream === undefined ? undefined : new Stream();
  }

  #applyMute(kind: 'audio' | 'video'): void {
    const stream = this.localStream;
    if (stream === undefined) return;
    const tracks = kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks();
    for (const track of tracks) track.enabled = !this.#muted[kind];
  }

  #emit<K extends keyof MediaHandlerEvents>(event: K, payload: MediaHandlerEvents[K]): void {
    if (!this.#closed) this.#emitter.emit(event, payload);
  }

  #assertOpen(): void {
    if (this.#closed)
      throw namedError('InvalidStateError', DEV ? 'media handler is closed' : 'media.closed');
  }
}

/**
 * The default `MediaHandlerFactory`: a `WebRtcMediaHandler` on the global WebRTC API.
 *
 * @example
 * ```ts
 * const media = createWebRtcMediaHandler({ mediaConstraints: { audio: true, video: true } });
 * ```
 */
export const createWebRtcMediaHandler: MediaHandlerFactory = (options) =>
  new WebRtcMediaHandler(options);

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function milliseconds(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(
      DEV
        ? `${name} must be a non-negative number of ms, got ${String(value)}`
        : `media.ms-invalid ${name} ${String(value)}`,
    );
  }
  return value;
}
