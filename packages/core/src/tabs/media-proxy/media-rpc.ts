/**
 * The messages between a call's owner tab (whose session drives a `RemoteMediaHandler`) and its
 * media tab (whose `serveMediaHandlers` runs the real handler). Everything here is plain,
 * structured-clone-able data: no functions, no class instances, no `MediaStream` (the channel is
 * a `BroadcastChannel`). Every message names its call (`callKey`), so one port carries every
 * call of a tab group.
 */

import {
  MediaDescriptionError,
  type DtmfOptions,
  type LocalDescriptionOptions,
  type MediaHandlerOptions,
  type MediaStats,
  type MediaStep,
} from '../../media/media-handler.js';

/** What crosses for a `MediaStats`: the numbers, never the raw `RTCStatsReport`. */
export type MediaStatsNumbers = Omit<MediaStats, 'report'>;

/**
 * The options the media tab's handler is made with: those of `MediaHandlerOptions` that can
 * cross a channel (a `MediaStream` cannot: the media tab brings its own).
 */
export type RemoteMediaHandlerOptions = Omit<MediaHandlerOptions, 'mediaStream'>;

/** Each asynchronous handler method: its arguments and what it resolves with. */
export interface MediaRpcMethods {
  createOffer: { readonly params: LocalDescriptionOptions; readonly result: string };
  createAnswer: { readonly params: LocalDescriptionOptions; readonly result: string };
  setRemoteDescription: {
    readonly params: { readonly type: 'offer' | 'answer' | 'pranswer'; readonly sdp: string };
    readonly result: undefined;
  };
  rollback: { readonly params: undefined; readonly result: undefined };
  replaceLocalMedia: { readonly params: MediaStreamConstraints; readonly result: undefined };
  getStats: { readonly params: undefined; readonly result: MediaStatsNumbers };
  audioPacketsReceived: { readonly params: undefined; readonly result: number | undefined };
}

/** The name of an asynchronous handler method. */
export type MediaRpcMethod = keyof MediaRpcMethods;

/** An error as it crosses: `name` tells errors apart (`NotAllowedError`, `MediaDescriptionError`). */
export interface MediaRpcError {
  readonly name: string;
  readonly message: string;
}

/** The part every message has. */
interface CallAddressed {
  /** The call this is about: unique within the tab group, chosen by the owner. */
  readonly callKey: string;
}

/**
 * Owner → media tab: run `method`. The first message of a call carries `create`, the options its
 * handler is made with (the media tab makes it on that message).
 */
export type MediaRpcRequest = {
  [M in MediaRpcMethod]: CallAddressed & {
    readonly kind: 'request';
    readonly id: number;
    readonly method: M;
    readonly params: MediaRpcMethods[M]['params'];
    readonly create?: RemoteMediaHandlerOptions;
  };
}[MediaRpcMethod];

/** Media tab → owner: the request `id` resolved. */
export interface MediaRpcResult extends CallAddressed {
  readonly kind: 'result';
  readonly id: number;
  readonly value: MediaRpcMethods[MediaRpcMethod]['result'];
}

/** Media tab → owner: the request `id` rejected. */
export interface MediaRpcFailure extends CallAddressed {
  readonly kind: 'error';
  readonly id: number;
  readonly error: MediaRpcError;
}

/** Owner → media tab: the synchronous handler calls, which answer nothing. */
export type MediaRpcCommand = CallAddressed & {
  readonly kind: 'command';
  readonly create?: RemoteMediaHandlerOptions;
} & (
    | { readonly command: 'createConnection' }
    | { readonly command: 'setMuted'; readonly media: 'audio' | 'video'; readonly muted: boolean }
    | { readonly command: 'sendDtmf'; readonly tones: string; readonly options: DtmfOptions }
    | { readonly command: 'close' }
  );

/** What the media tab's remote stream holds, as a notice (the stream itself stays there). */
export interface RemoteStreamNotice {
  readonly audioTracks: number;
  readonly videoTracks: number;
}

/** Media tab → owner: what its handler reported. */
export type MediaRpcEvent = CallAddressed & { readonly kind: 'event' } & (
    | { readonly event: 'icestate'; readonly state: RTCIceConnectionState }
    | { readonly event: 'connectionstate'; readonly state: RTCPeerConnectionState }
    | { readonly event: 'failure'; readonly step: MediaStep; readonly error: MediaRpcError }
    | ({ readonly event: 'remotestream' } & RemoteStreamNotice)
    /** Whether RFC 4733 tones can go out now (an audio sender with DTMF exists). */
    | { readonly event: 'dtmf'; readonly supported: boolean }
  );

/** Every message of the media proxy protocol (topic `media/rpc` of the tab channel). */
export type MediaRpcMessage =
  MediaRpcRequest | MediaRpcResult | MediaRpcFailure | MediaRpcCommand | MediaRpcEvent;

/**
 * The one thing the media proxy needs from the tab coordinator: addressed delivery of its
 * messages, in order per sender (as `BroadcastChannel` delivers), and never to the sender.
 *
 * @example
 * ```ts
 * const port: MediaPort = {
 *   send: (message, to) => coordinator.send('media/rpc', message, to),
 *   onMessage: (listener) =>
 *     coordinator.on('message', ({ from, topic, body }) => {
 *       if (topic === 'media/rpc') listener(body as MediaRpcMessage, from);
 *     }),
 * };
 * ```
 */
export interface MediaPort {
  send(message: MediaRpcMessage, to: string): void;
  /** Listens to messages for this tab; returns a function that stops listening. */
  onMessage(listener: (message: MediaRpcMessage, from: string) => void): () => void;
}

/** An error as data, for the channel (`name` and `message` only: no stack, no causes). */
export function toRpcError(error: unknown): MediaRpcError {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** An error again from its data, with its `name` kept so the session tells causes apart. */
export function fromRpcError(error: MediaRpcError): Error {
  // The session reads a bad remote SDP by class (`Bad Media Description`), the rest by name.
  if (error.name === 'MediaDescriptionError') return new MediaDescriptionError(error.message);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}
