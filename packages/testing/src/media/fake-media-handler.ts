import {
  answerDirection,
  MediaDescriptionError,
  resolveDtmfOptions,
  sdpMediaSections,
  TypedEmitter,
  type DtmfOptions,
  type LocalDescriptionOptions,
  type MediaHandler,
  type MediaHandlerEvents,
  type MediaHandlerFactory,
  type MediaHandlerOptions,
  type MediaStats,
  type MediaStep,
  type PeerConnectionLike,
  type StreamDirection,
  type Unsubscribe,
} from '@sipkit/core';
import { FakeIceCredentialsState } from './fake-ice.js';
import { renderFakeSdp, sdpProblem, type FakeSection } from './fake-sdp.js';
import { FakeVideoSlots } from './fake-video-slots.js';

/** The methods `failNext` can make fail. */
export type FakeMediaStep =
  'createOffer' | 'createAnswer' | 'setRemoteDescription' | 'replaceLocalMedia';

/** JSEP's signalling states, as far as the fake goes (a pranswer keeps `have-local-offer`). */
export type FakeSignalingState = 'stable' | 'have-local-offer' | 'have-remote-offer';

/** One `sendDtmf` call, with the defaults applied. */
export interface SentDtmf {
  readonly tones: string;
  readonly duration: number;
  readonly interToneGap: number;
}

/** The numbers `getStats()` returns unless a test sets `stats`. */
export const FAKE_MEDIA_STATS: MediaStats = Object.freeze({
  sendBitrate: 64_000,
  receiveBitrate: 64_000,
  packetsReceived: 1000,
  packetsLost: 10,
  packetLoss: 10 / 1010,
  jitter: 0.004,
  roundTripTime: 0.05,
  report: undefined,
});

let nextSessionId = 1;

/**
 * A `MediaHandler` without WebRTC for Node tests: deterministic SDP, JSEP-like state checks, and
 * a record of everything the session asked for.
 *
 * - Offers: one `m=audio` section (plus `m=video` when the constraints or the given stream have
 *   video), `sendrecv`, or `sendonly` with `localHold` (a section without local media is
 *   `recvonly` / `inactive`). A re-offer keeps the sections already negotiated.
 * - Answers mirror the remote offer's sections; each direction is what we want narrowed by the
 *   offer (RFC 3264 §6.1: offered `sendonly` -> `recvonly`, or `inactive` when we hold; `recvonly`
 *   -> `sendonly` / `inactive`; `inactive` -> `inactive`). Disabled sections and media other than
 *   audio/video are answered with port 0.
 * - The `o=` session version goes up by one with every local description.
 * - ICE: descriptions carry `a=ice-ufrag`/`a=ice-pwd`, new ones after an ICE restart (an offer
 *   with `iceRestart`, or the answer to a remote offer whose ufrag changed). `setIceState` plays
 *   the ICE connection state a test wants (`disconnected`, `failed`...); once a restart
 *   completes, ICE goes `checking` then `iceRestartOutcome` (default `connected`) by itself.
 *
 * @example
 * ```ts
 * const media = new FakeMediaHandler({});
 * const offer = await media.createOffer({ localHold: false }); // ...a=sendrecv...
 * media.failNext('createAnswer', userDeniedMediaError());
 * ```
 */
export class FakeMediaHandler implements MediaHandler {
  readonly options: MediaHandlerOptions;
  readonly sessionId: number;
  signalingState: FakeSignalingState = 'stable';
  /** The `o=` version of the last local description (0 before the first). */
  sessionVersion = 0;
  /** The last local description produced (after a rollback: the one in force again). */
  localSdp: string | undefined;
  /** The last remote description applied. */
  remoteSdp: string | undefined;
  /** The `localHold` of the last offer or answer. */
  localHold: boolean | undefined;
  readonly muted = { audio: false, video: false };
  readonly dtmf: SentDtmf[] = [];
  /** The constraints of every `replaceLocalMedia`, in order. */
  readonly replaced: MediaStreamConstraints[] = [];
  /** Every method call, in order (`createOffer`, `setRemoteDescription:answer`, `close`...). */
  readonly calls: string[] = [];
  /** What `getStats()` resolves with. */
  stats: MediaStats = FAKE_MEDIA_STATS;
  /**
   * What `audioPacketsReceived()` resolves with: undefined (not known, so the session's stall
   * watch never fires) unless a test plays the inbound audio by raising it, then holding it
   * still to play a media path that broke.
   */
  audioPackets: number | undefined;
  /** What `connection` reports: none unless a test gives one (and emits `peerconnection`). */
  connection: PeerConnectionLike | undefined;
  /** None unless a test gives one: then the session calls it when media is set up. */
  createConnection: (() => void) | undefined;
  closed = false;
  /** The last ICE connection state played (`setIceState`, or after a restart). */
  iceState: RTCIceConnectionState = 'new';
  /** Where ICE goes after a completed restart (`checking` first); undefined: stays `checking`. */
  iceRestartOutcome: RTCIceConnectionState | undefined = 'connected';
  /** ICE credentials and restarts (`ice.restarts`: completed, ours or the far end's). */
  readonly ice = new FakeIceCredentialsState();
  /** The video senders (`addVideo`, `shareScreen` of `@sipkit/core` drive them). */
  readonly videoSlots: FakeVideoSlots = new FakeVideoSlots(
    () => this.videoMids(),
    (): string => String((this.negotiated?.length ?? 2) + this.videoSlots.pendingCount),
  );
  private readonly emitter = new TypedEmitter<MediaHandlerEvents>();
  /** Made by the first `failNext`: a benchmark's thousands of calls never need it. */
  private failures: Map<FakeMediaStep, Error> | undefined;
  private negotiated: readonly FakeSection[] | undefined;
  private beforeOffer: { readonly sdp: string | undefined } | undefined;
  private local: MediaStream | undefined;
  private remote: MediaStream | undefined;

  constructor(options: MediaHandlerOptions = {}, setup: { readonly sessionId?: number } = {}) {
    this.options = options;
    this.sessionId = setup.sessionId ?? nextSessionId++;
  }

  /** The given stream, or an empty one after the first local description (undefined in Node). */
  get localStream(): MediaStream | undefined {
    return this.options.mediaStream ?? this.local;
  }

  /** An empty stream once a remote description was applied, where `MediaStream` exists. */
  get remoteStream(): MediaStream | undefined {
    return this.remote;
  }

  /**
   * Plays an ICE connection state change, as the browser's `iceconnectionstatechange` would.
   *
   * @example media.setIceState('failed'); // the session starts an ICE restart
   */
  setIceState(state: RTCIceConnectionState): void {
    if (this.closed) return;
    this.iceState = state;
    this.emit('icestate', { state });
  }

  /** Makes the next call of `step` reject with `error` (once), e.g. a getUserMedia denial. */
  failNext(step: FakeMediaStep, error: Error): void {
    (this.failures ??= new Map()).set(step, error);
  }

  /** Emits a handler event as WebRTC would (`connectionstate` `failed`, a remote stream...). */
  emit<K extends keyof MediaHandlerEvents>(event: K, payload: MediaHandlerEvents[K]): void {
    if (!this.closed) this.emitter.emit(event, payload);
  }

  createOffer(options: LocalDescriptionOptions): Promise<string> {
    return this.step('createOffer', 'createOffer', () => {
      if (this.signalingState === 'have-remote-offer') throw invalidState('an offer is pending');
      const sections = [
        ...(this.negotiated ?? this.initialSections()),
        ...this.videoSlots.takePending(),
      ].map((section) => ({
        ...section,
        direction:
          section.direction === undefined
            ? undefined
            : this.wanted(section.media, options, section.mid),
      }));
      if (this.signalingState === 'stable') this.beforeOffer = { sdp: this.localSdp };
      this.signalingState = 'have-local-offer';
      this.ice.offered(options.iceRestart === true);
      return this.produce(sections, options);
    });
  }

  createAnswer(options: LocalDescriptionOptions): Promise<string> {
    return this.step('createAnswer', 'createAnswer', () => {
      if (this.signalingState !== 'have-remote-offer') throw invalidState('no remote offer');
      const first = this.negotiated === undefined;
      const sections = sdpMediaSections(this.remoteSdp ?? '').map((offered, index): FakeSection => {
        const mid = offered.mid ?? String(index);
        // The call's own video (its constraints) goes on the first video section offered.
        if (first && offered.media === 'video' && this.hasLocal('video'))
          this.videoSlots.placeInitial(mid);
        return {
          media: offered.media === '' ? 'application' : offered.media,
          mid,
          direction:
            offered.direction === 'disabled' || !KNOWN_MEDIA.has(offered.media)
              ? undefined
              : answerDirection(offered.direction, this.wanted(offered.media, options, mid)),
        };
      });
      this.signalingState = 'stable';
      const sdp = this.produce(sections, options);
      if (this.ice.answered()) this.restarted();
      return sdp;
    });
  }

  setRemoteDescription(description: {
    readonly type: 'offer' | 'answer' | 'pranswer';
    readonly sdp: string;
  }): Promise<void> {
    return this.step('setRemoteDescription', `setRemoteDescription:${description.type}`, () => {
      const problem = sdpProblem(description.sdp);
      if (problem !== undefined) throw new MediaDescriptionError(`remote SDP ${problem}`);
      if (description.type === 'offer') {
        if (this.signalingState !== 'stable') throw invalidState('glare: our offer is pending');
        this.signalingState = 'have-remote-offer';
      } else {
        if (this.signalingState !== 'have-local-offer') throw invalidState('no local offer');
        if (description.type === 'answer') this.signalingState = 'stable';
      }
      if (this.ice.remote(description.type, description.sdp)) this.restarted();
      this.remoteSdp = description.sdp;
      if (this.remote === undefined) {
        this.remote = newStream();
        if (this.remote !== undefined) this.emit('remotestream', { stream: this.remote });
      }
    });
  }

  rollback(): Promise<void> {
    this.calls.push('rollback');
    if (!this.closed && this.signalingState === 'have-local-offer') {
      this.signalingState = 'stable';
      this.ice.rolledBack();
      this.localSdp = this.beforeOffer?.sdp;
      this.beforeOffer = undefined;
    }
    return Promise.resolve();
  }

  /** Records the constraints of each device switch (`replaced`); no tracks exist in Node. */
  replaceLocalMedia(constraints: MediaStreamConstraints): Promise<void> {
    return this.step('replaceLocalMedia', 'replaceLocalMedia', () => {
      this.replaced.push(constraints);
    });
  }

  setMuted(kind: 'audio' | 'video', muted: boolean): void {
    this.calls.push(`setMuted:${kind}:${String(muted)}`);
    this.muted[kind] = muted;
    const stream = this.localStream;
    const tracks = kind === 'audio' ? stream?.getAudioTracks() : stream?.getVideoTracks();
    for (const track of tracks ?? []) track.enabled = !muted;
  }

  /**
   * Records the tones. False before the first local description (no audio sender yet) and after
   * close; throws like RTCDTMFSender for bad ranges (RangeError) or characters.
   */
  sendDtmf(tones: string, options?: DtmfOptions): boolean {
    const { duration, interToneGap } = resolveDtmfOptions(options);
    if (!/^[0-9A-D#*,]*$/i.test(tones)) {
      const error = new Error(`invalid DTMF tones ${JSON.stringify(tones)}`);
      error.name = 'InvalidCharacterError';
      throw error;
    }
    if (this.closed || this.localSdp === undefined) return false;
    this.dtmf.push({ tones, duration, interToneGap });
    return true;
  }

  getStats(): Promise<MediaStats> {
    return Promise.resolve(this.stats);
  }

  audioPacketsReceived(): Promise<number | undefined> {
    return Promise.resolve(this.closed ? undefined : this.audioPackets);
  }

  on<K extends keyof MediaHandlerEvents>(
    event: K,
    listener: (payload: MediaHandlerEvents[K]) => void,
  ): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  close(): void {
    this.calls.push('close');
    this.closed = true;
  }

  private async step<T>(step: FakeMediaStep, call: string, run: () => T): Promise<T> {
    this.calls.push(call);
    // Like a real handler, answer asynchronously so callers cannot rely on same-tick results.
    await Promise.resolve();
    if (this.closed) throw invalidState('media handler is closed');
    const failure = this.failures?.get(step);
    if (failure !== undefined) {
      this.failures?.delete(step);
      const failed = failedStep(step, failure);
      if (failed !== undefined) this.emit('failure', { step: failed, error: failure });
      throw failure;
    }
    return run();
  }

  private produce(sections: readonly FakeSection[], options: LocalDescriptionOptions): string {
    this.localHold = options.localHold;
    this.negotiated = sections;
    this.sessionVersion += 1;
    this.localSdp = renderFakeSdp(
      this.sessionId,
      this.sessionVersion,
      sections,
      this.ice.credentials(this.sessionId),
    );
    this.local ??= newStream();
    return this.localSdp;
  }

  /** A restart's offer and answer are both applied: ICE checks, then reaches the outcome. */
  private restarted(): void {
    const outcome = this.iceRestartOutcome;
    void Promise.resolve().then(() => {
      this.setIceState('checking');
      if (outcome !== undefined) this.setIceState(outcome);
    });
  }

  private initialSections(): FakeSection[] {
    const sections: FakeSection[] = [{ media: 'audio', direction: 'sendrecv', mid: '0' }];
    if (this.hasLocal('video')) {
      sections.push({ media: 'video', direction: 'sendrecv', mid: '1' });
      this.videoSlots.placeInitial('1');
    }
    return sections;
  }

  private wanted(media: string, options: LocalDescriptionOptions, mid: string): StreamDirection {
    const sends = media === 'video' ? this.videoSlots.sends(mid) : this.hasLocal(media);
    if (sends) return options.localHold ? 'sendonly' : 'sendrecv';
    return options.localHold ? 'inactive' : 'recvonly';
  }

  /** The live video sections: negotiated, and those of a remote offer not answered yet. */
  private videoMids(): string[] {
    const mids = (this.negotiated ?? [])
      .filter((section) => section.media === 'video' && section.direction !== undefined)
      .map((section) => section.mid);
    if (this.signalingState === 'have-remote-offer') {
      sdpMediaSections(this.remoteSdp ?? '').forEach((section, index) => {
        if (section.media === 'video' && section.direction !== 'disabled')
          mids.push(section.mid ?? String(index));
      });
    }
    return mids;
  }

  private hasLocal(media: string): boolean {
    if (media === 'audio') return true;
    if (media !== 'video') return false;
    const video = this.options.mediaConstraints?.video;
    return (
      (video !== undefined && video !== false) ||
      (this.options.mediaStream?.getVideoTracks().length ?? 0) > 0
    );
  }
}

const KNOWN_MEDIA: ReadonlySet<string> = new Set(['audio', 'video']);

/**
 * The step a real handler would report for a failure injected into `step`: an offer or answer
 * failing with a getUserMedia error name failed at getUserMedia, as local media comes first.
 */
function failedStep(step: FakeMediaStep, error: Error): MediaStep | undefined {
  if (step === 'replaceLocalMedia') return undefined;
  const media = ['NotAllowedError', 'NotFoundError', 'NotReadableError', 'SecurityError'];
  if (step !== 'setRemoteDescription' && media.includes(error.name)) return 'getUserMedia';
  return step;
}

/**
 * A `MediaHandlerFactory` of `FakeMediaHandler`s.
 *
 * @example
 * ```ts
 * const ua = new UA(configuration, { mediaHandlerFactory: createFakeMediaHandler });
 * ```
 */
export const createFakeMediaHandler: MediaHandlerFactory = (options) =>
  new FakeMediaHandler(options);

/**
 * A factory that keeps every handler it made, so a test can inspect (or prepare) the media of
 * each call. `configure` runs on each new handler before the session uses it, e.g. to make the
 * very first offer fail.
 *
 * @example
 * ```ts
 * const media = fakeMediaHandlers((handler) =>
 *   handler.failNext('createOffer', userDeniedMediaError()),
 * );
 * const ua = new UA(configuration, { mediaHandlerFactory: media.factory });
 * ua.call('sip:bob@example.org');
 * // later: expect(media.handlers[0]?.closed).toBe(true);
 * ```
 */
export function fakeMediaHandlers(configure?: (handler: FakeMediaHandler, index: number) => void): {
  readonly factory: MediaHandlerFactory;
  readonly handlers: FakeMediaHandler[];
} {
  const handlers: FakeMediaHandler[] = [];
  const factory: MediaHandlerFactory = (options) => {
    const handler = new FakeMediaHandler(options);
    configure?.(handler, handlers.length);
    handlers.push(handler);
    return handler;
  };
  return { factory, handlers };
}

/**
 * The error getUserMedia rejects with when the user refuses (name `NotAllowedError`), for
 * `failNext`: the session turns it into the cause "User Denied Media Access".
 *
 * @example
 * ```ts
 * handler.failNext('createOffer', userDeniedMediaError());
 * ```
 */
export function userDeniedMediaError(): Error {
  const error = new Error('Permission denied');
  error.name = 'NotAllowedError';
  return error;
}

function invalidState(message: string): Error {
  const error = new Error(message);
  error.name = 'InvalidStateError';
  return error;
}

// Browsers and Deno have MediaStream; Node does not, and then the streams stay undefined.
function newStream(): MediaStream | undefined {
  const Stream = (globalThis as { MediaStream?: new () => MediaStream }).MediaStream;
  return Stream === undefined ? undefined : new Stream();
}
