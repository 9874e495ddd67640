import type {
  DtmfOptions,
  LocalDescriptionOptions,
  MediaHandler,
  MediaHandlerEvents,
  MediaHandlerOptions,
  MediaStats,
  Unsubscribe,
} from '../../../media/media-handler.js';
import type { PeerConnectionLike } from '../../../media/peer-connection-like.js';
import { TypedEmitter } from '../../../transport/typed-emitter.js';

type Scripted = 'createOffer' | 'createAnswer' | 'setRemoteDescription' | 'replaceLocalMedia';

/**
 * A `MediaHandler` that records each call with its arguments and answers as the test scripts it:
 * SDP strings by default, a failure (`fail`) or no answer ever (`hang`) for the next call of a
 * method. For the media proxy's unit tests (the session scenarios use `@sipkit/testing`'s
 * `FakeMediaHandler`).
 */
export class ScriptedMediaHandler implements MediaHandler {
  readonly options: MediaHandlerOptions;
  readonly calls: string[] = [];
  readonly emitter = new TypedEmitter<MediaHandlerEvents>();
  localStream: MediaStream | undefined;
  remoteStream: MediaStream | undefined;
  connection: PeerConnectionLike | undefined;
  stats: MediaStats = {
    sendBitrate: 1,
    receiveBitrate: 2,
    packetsReceived: 3,
    packetsLost: 4,
    packetLoss: 0.5,
    jitter: 0.01,
    roundTripTime: 0.02,
    report: new Map() as unknown as RTCStatsReport,
  };
  audioPackets: number | undefined = 7;
  /** What `sendDtmf` returns. */
  dtmf = true;
  closed = false;
  readonly #failures = new Map<Scripted, Error>();
  readonly #hangs = new Set<Scripted>();

  constructor(options: MediaHandlerOptions = {}) {
    this.options = options;
  }

  /** The next call of `method` rejects with `error`, after emitting `failure` as a real one does. */
  fail(method: Scripted, error: Error): void {
    this.#failures.set(method, error);
  }

  /** The next call of `method` never settles. */
  hang(method: Scripted): void {
    this.#hangs.add(method);
  }

  createOffer(options: LocalDescriptionOptions): Promise<string> {
    return this.#step('createOffer', JSON.stringify(options), `offer ${JSON.stringify(options)}`);
  }

  createAnswer(options: LocalDescriptionOptions): Promise<string> {
    return this.#step('createAnswer', JSON.stringify(options), `answer ${JSON.stringify(options)}`);
  }

  setRemoteDescription(description: {
    readonly type: 'offer' | 'answer' | 'pranswer';
    readonly sdp: string;
  }): Promise<void> {
    return this.#step('setRemoteDescription', `${description.type} ${description.sdp}`, undefined);
  }

  rollback(): Promise<void> {
    this.calls.push('rollback');
    return Promise.resolve();
  }

  replaceLocalMedia(constraints: MediaStreamConstraints): Promise<void> {
    return this.#step('replaceLocalMedia', JSON.stringify(constraints), undefined);
  }

  setMuted(kind: 'audio' | 'video', muted: boolean): void {
    this.calls.push(`setMuted ${kind} ${String(muted)}`);
  }

  sendDtmf(tones: string, options?: DtmfOptions): boolean {
    this.calls.push(`sendDtmf ${tones} ${JSON.stringify(options)}`);
    return this.dtmf;
  }

  getStats(): Promise<MediaStats> {
    this.calls.push('getStats');
    return Promise.resolve(this.stats);
  }

  audioPacketsReceived(): Promise<number | undefined> {
    this.calls.push('audioPacketsReceived');
    return Promise.resolve(this.audioPackets);
  }

  createConnection = (): void => {
    this.calls.push('createConnection');
  };

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

  async #step<T>(method: Scripted, args: string, result: T): Promise<T> {
    this.calls.push(`${method} ${args}`);
    await Promise.resolve();
    if (this.#hangs.delete(method)) return new Promise<T>(() => undefined);
    const failure = this.#failures.get(method);
    if (failure === undefined) return result;
    this.#failures.delete(method);
    if (method !== 'replaceLocalMedia')
      this.emitter.emit('failure', { step: method, error: failure });
    throw failure;
  }
}
