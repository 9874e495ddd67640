import { DEV } from '../../diagnostics/dev-mode.js';
import { resolveDtmfOptions } from '../../media/dtmf-options.js';
import type {
  DtmfOptions,
  LocalDescriptionOptions,
  MediaHandler,
  MediaHandlerEvents,
  MediaStats,
  Unsubscribe,
} from '../../media/media-handler.js';
import { systemClock, type Clock } from '../../transport/clock.js';
import { TypedEmitter } from '../../transport/typed-emitter.js';
import {
  fromRpcError,
  type MediaPort,
  type MediaRpcCommand,
  type MediaRpcMessage,
  type MediaRpcMethod,
  type MediaRpcMethods,
  type RemoteMediaHandlerOptions,
  type RemoteStreamNotice,
} from './media-rpc.js';
import { MediaTabGoneError } from './media-tab-gone-error.js';

/**
 * How long one media call may go unanswered before the media tab counts as gone. Well above
 * the longest ICE gathering (`iceGatheringMaxTime`, 5 s by default) plus a getUserMedia prompt
 * the person answers at once; a tab that closes is normally reported far sooner by the tab
 * coordinator (`mediaTabGone()`).
 */
export const DEFAULT_MEDIA_RPC_TIMEOUT = 30_000;

/** Settings of `createRemoteMediaHandler`. */
export interface RemoteMediaHandlerSettings {
  /** What the media tab's handler is made with (its call or answer options). */
  readonly options?: RemoteMediaHandlerOptions;
  /** Longest wait (ms) for one media call; default `DEFAULT_MEDIA_RPC_TIMEOUT`. */
  readonly timeout?: number;
  /** Timers (tests drive them); default the global ones. */
  readonly clock?: Clock;
}

/** The handler's events: `MediaHandlerEvents` and what only a remote handler reports. */
export interface RemoteMediaHandlerEvents extends MediaHandlerEvents {
  /**
   * The media tab's remote stream changed. The stream itself cannot cross tabs: the media tab
   * plays it (`serveMediaHandlers(...).handlerFor(callKey).remoteStream`); the owner learns its
   * track counts.
   */
  remotemedia: RemoteStreamNotice;
  /** The media tab is gone: every media call rejects from now on and the media is `closed`. */
  mediatabgone: { readonly reason: 'closed' | 'timeout' };
}

interface Pending {
  readonly method: MediaRpcMethod;
  readonly resolve: (value: never) => void;
  readonly reject: (error: Error) => void;
  readonly timer: unknown;
}

/**
 * A `MediaHandler` whose peer connection lives in another tab (the media tab): the owner tab's
 * session drives it as any handler, and each call crosses the tab channel (`MediaPort`).
 *
 * - Asynchronous methods are requests answered by the media tab; `getStats()` gets the numbers
 *   (`report` is undefined: an `RTCStatsReport` cannot cross). Each rejects with
 *   `MediaTabGoneError` past `timeout` (the tab then counts as gone) or when the tab goes.
 * - `setMuted`, `sendDtmf`, `createConnection` and `close` are sent and not answered; `sendDtmf`
 *   returns what the media tab last said about DTMF support (false before it said anything, so
 *   the session falls back to SIP INFO), and checks the tone options here, as a local one would.
 * - `icestate`, `connectionstate` and `failure` are re-emitted as the media tab reports them;
 *   `icecandidate` and `peerconnection` stay there (ICE gathering ends in the media tab), so
 *   `connection`, `localStream` and `remoteStream` are undefined here; `remotemedia` says what
 *   the remote stream holds.
 * - `mediaTabGone()` (the coordinator saw the tab go) or a timeout: pending calls reject, the
 *   handler emits `mediatabgone`, then ICE and connection state `closed`, which makes the
 *   session end the call (BYE, or CANCEL before the answer) instead of trying ICE restarts.
 *
 * @example
 * ```ts
 * const mediaHandler = createRemoteMediaHandler(port, followerTabId, callKey, {
 *   options: { mediaConstraints: { audio: true, video: false } },
 * });
 * const session = ua.call('sip:bob@example.org', { mediaHandler });
 * coordinator.on('tabgone', ({ tabId }) => {
 *   if (tabId === followerTabId) mediaHandler.mediaTabGone();
 * });
 * ```
 */
export class RemoteMediaHandler implements MediaHandler {
  readonly mediaTab: string;
  readonly callKey: string;
  readonly localStream: MediaStream | undefined = undefined;
  readonly remoteStream: MediaStream | undefined = undefined;
  /** The peer connection is in the media tab: `session.connection` is undefined here. */
  readonly connection: undefined = undefined;
  readonly #port: MediaPort;
  readonly #clock: Clock;
  readonly #timeout: number;
  readonly #emitter = new TypedEmitter<RemoteMediaHandlerEvents>();
  readonly #pending = new Map<number, Pending>();
  readonly #stopListening: () => void;
  /** Sent with the first message only: the media tab makes the handler on it. */
  #create: RemoteMediaHandlerOptions | undefined;
  #nextId = 1;
  #dtmf = false;
  #remoteMedia: RemoteStreamNotice | undefined;
  #gone: 'closed' | 'timeout' | undefined;
  #closed = false;

  constructor(
    port: MediaPort,
    mediaTab: string,
    callKey: string,
    settings: RemoteMediaHandlerSettings = {},
  ) {
    this.#port = port;
    this.mediaTab = mediaTab;
    this.callKey = callKey;
    this.#clock = settings.clock ?? systemClock;
    this.#timeout = settings.timeout ?? DEFAULT_MEDIA_RPC_TIMEOUT;
    this.#create = settings.options ?? {};
    this.#stopListening = port.onMessage((message, from) => {
      if (from === mediaTab && message.callKey === callKey) this.#receive(message);
    });
  }

  /** What the media tab's remote stream holds, undefined until it has one. */
  get remoteMedia(): RemoteStreamNotice | undefined {
    return this.#remoteMedia;
  }

  /** Why the media tab counts as gone, undefined while it answers. */
  get gone(): 'closed' | 'timeout' | undefined {
    return this.#gone;
  }

  /** Asks the media tab to make the peer connection now (its `createConnection`). */
  readonly createConnection = (): void => {
    this.#command({ command: 'createConnection' });
  };

  createOffer(options: LocalDescriptionOptions): Promise<string> {
    return this.#request('createOffer', options);
  }

  createAnswer(options: LocalDescriptionOptions): Promise<string> {
    return this.#request('createAnswer', options);
  }

  setRemoteDescription(description: {
    readonly type: 'offer' | 'answer' | 'pranswer';
    readonly sdp: string;
  }): Promise<void> {
    return this.#request('setRemoteDescription', { type: description.type, sdp: description.sdp });
  }

  rollback(): Promise<void> {
    return this.#request('rollback', undefined);
  }

  replaceLocalMedia(constraints: MediaStreamConstraints): Promise<void> {
    return this.#request('replaceLocalMedia', constraints);
  }

  async getStats(): Promise<MediaStats> {
    return { ...(await this.#request('getStats', undefined)), report: undefined };
  }

  /** The media tab's inbound audio count, for the session's stall watch. */
  readonly audioPacketsReceived = (): Promise<number | undefined> =>
    this.#request('audioPacketsReceived', undefined);

  setMuted(kind: 'audio' | 'video', muted: boolean): void {
    this.#command({ command: 'setMuted', media: kind, muted });
  }

  sendDtmf(tones: string, options?: DtmfOptions): boolean {
    const resolved = resolveDtmfOptions(options);
    if (!this.#dtmf || this.#closed || this.#gone !== undefined) return false;
    this.#command({ command: 'sendDtmf', tones, options: resolved });
    return true;
  }

  on<K extends keyof RemoteMediaHandlerEvents>(
    event: K,
    listener: (payload: RemoteMediaHandlerEvents[K]) => void,
  ): Unsubscribe {
    return this.#emitter.on(event, listener);
  }

  /** Closes the media tab's handler; pending calls reject. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#command({ command: 'close' });
    this.#closed = true;
    this.#stopListening();
    this.#rejectAll((method) => closedError(method));
  }

  /**
   * The media tab is gone (the tab coordinator's `tabgone` for it): pending and later calls
   * reject with `MediaTabGoneError`, and the media reports `closed` so the session ends the call.
   */
  mediaTabGone(reason: 'closed' | 'timeout' = 'closed'): void {
    if (this.#gone !== undefined || this.#closed) return;
    this.#gone = reason;
    this.#rejectAll((method) => this.#goneError(method));
    this.#emitter.emit('mediatabgone', { reason });
    this.#emitter.emit('icestate', { state: 'closed' });
    this.#emitter.emit('connectionstate', { state: 'closed' });
  }

  #request<M extends MediaRpcMethod>(
    method: M,
    params: MediaRpcMethods[M]['params'],
  ): Promise<MediaRpcMethods[M]['result']> {
    // Gone first: the session closes the handler of the call the tab's end finished.
    if (this.#gone !== undefined) return Promise.reject(this.#goneError(method));
    if (this.#closed) return Promise.reject(closedError(method));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = this.#clock.setTimeout(() => this.mediaTabGone('timeout'), this.#timeout);
      this.#pending.set(id, { method, resolve, reject, timer });
      const create = this.#takeCreate();
      this.#port.send(
        {
          kind: 'request',
          callKey: this.callKey,
          id,
          method,
          params,
          ...(create && { create }),
        } as MediaRpcMessage,
        this.mediaTab,
      );
    });
  }

  #command(command: DistributiveOmit<MediaRpcCommand, 'kind' | 'callKey' | 'create'>): void {
    if (this.#closed || this.#gone !== undefined) return;
    const create = this.#takeCreate();
    // A call that ends before its media was ever asked for has nothing to close over there.
    if (command.command === 'close' && create !== undefined) return;
    this.#port.send(
      { kind: 'command', callKey: this.callKey, ...command, ...(create && { create }) },
      this.mediaTab,
    );
  }

  #takeCreate(): RemoteMediaHandlerOptions | undefined {
    const create = this.#create;
    this.#create = undefined;
    return create;
  }

  #receive(message: MediaRpcMessage): void {
    if (this.#closed || this.#gone !== undefined) return;
    switch (message.kind) {
      case 'result':
      case 'error': {
        const pending = this.#pending.get(message.id);
        if (pending === undefined) return;
        this.#pending.delete(message.id);
        this.#clock.clearTimeout(pending.timer);
        if (message.kind === 'result') pending.resolve(message.value as never);
        else pending.reject(fromRpcError(message.error));
        return;
      }
      case 'event':
        return this.#event(message);
      default:
        return; // requests and commands go the other way
    }
  }

  #event(message: Extract<MediaRpcMessage, { kind: 'event' }>): void {
    switch (message.event) {
      case 'icestate':
        return this.#emitter.emit('icestate', { state: message.state });
      case 'connectionstate':
        return this.#emitter.emit('connectionstate', { state: message.state });
      case 'failure':
        return this.#emitter.emit('failure', {
          step: message.step,
          error: fromRpcError(message.error),
        });
      case 'remotestream': {
        const notice = { audioTracks: message.audioTracks, videoTracks: message.videoTracks };
        this.#remoteMedia = notice;
        return this.#emitter.emit('remotemedia', notice);
      }
      case 'dtmf':
        this.#dtmf = message.supported;
    }
  }

  #rejectAll(error: (method: string) => Error): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of pending) {
      this.#clock.clearTimeout(call.timer);
      call.reject(error(call.method));
    }
  }

  #goneError(method: string): MediaTabGoneError {
    return new MediaTabGoneError({
      mediaTab: this.mediaTab,
      callKey: this.callKey,
      method,
      reason: this.#gone ?? 'closed',
    });
  }
}

/** `Omit` over each member of a union (the built-in one merges them). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function closedError(method: string): Error {
  const error = new Error(
    DEV ? `media handler is closed: ${method} cannot run` : `tabs.media-closed ${method}`,
  );
  error.name = 'InvalidStateError';
  return error;
}

/**
 * A `MediaHandler` for one call whose media lives in the tab `mediaTab` (see
 * `RemoteMediaHandler`), to give the call as `CallOptions.mediaHandler` or
 * `AnswerOptions.mediaHandler`.
 *
 * @example
 * ```ts
 * session.answer({ mediaHandler: createRemoteMediaHandler(port, answeringTabId, callKey) });
 * ```
 */
export function createRemoteMediaHandler(
  port: MediaPort,
  mediaTab: string,
  callKey: string,
  settings: RemoteMediaHandlerSettings = {},
): RemoteMediaHandler {
  return new RemoteMediaHandler(port, mediaTab, callKey, settings);
}
