import { DEV } from '../../diagnostics/dev-mode.js';
import type { MediaHandler } from '../../media/media-handler.js';
import { TypedEmitter } from '../../transport/typed-emitter.js';
import {
  toRpcError,
  type MediaPort,
  type MediaRpcCommand,
  type MediaRpcMessage,
  type MediaRpcRequest,
  type RemoteMediaHandlerOptions,
} from './media-rpc.js';

/**
 * Makes the real handler of one call in the media tab: usually `createWebRtcMediaHandler` with
 * the options the owner sent, and the tab's own `mediaStream` if it has one.
 */
export type ServedMediaHandlerFactory = (
  options: RemoteMediaHandlerOptions,
  call: { readonly callKey: string; readonly ownerTab: string },
) => MediaHandler;

/** What `serveMediaHandlers` reports to the media tab's UI. */
export interface MediaHandlerServerEvents {
  /** A call's handler was made (its streams are read from `handler`). */
  handler: { readonly callKey: string; readonly handler: MediaHandler };
  /** A call's handler was closed (the owner's session ended it, or `close()`). */
  handlerclosed: { readonly callKey: string };
}

/** The media tab's side of the media proxy, made by `serveMediaHandlers`. */
export interface MediaHandlerServer {
  /** The live handler of a call, for its `localStream` / `remoteStream`. */
  handlerFor(callKey: string): MediaHandler | undefined;
  /** The calls whose handlers live here. */
  callKeys(): readonly string[];
  on<K extends keyof MediaHandlerServerEvents>(
    event: K,
    listener: (payload: MediaHandlerServerEvents[K]) => void,
  ): () => void;
  /** Stops serving: every handler is closed (their calls' owners see their media closed). */
  close(): void;
}

/** How many ended calls are remembered, so a late request cannot make a handler again. */
const ENDED_CALLS_KEPT = 256;

interface ServedCall {
  readonly handler: MediaHandler;
  /** Where events go: the tab that last asked (a new owner after a takeover). */
  owner: string;
  /** Whether RFC 4733 tones can go out, as last told to the owner. */
  dtmf: boolean;
  /** A local description exists (handlers without a peer connection send DTMF from then). */
  described: boolean;
}

/**
 * Serves the media of the calls this tab places or answers while another tab owns signalling:
 * the first message of a call makes its handler (`createHandler`), requests run on it and are
 * answered to the tab that asked, its events (ICE and connection states, failures, remote
 * stream changes as a notice, DTMF support) go to the owner, and the owner's `close` closes it.
 * Errors cross as `{ name, message }`.
 *
 * @example
 * ```ts
 * const server = serveMediaHandlers(port, (options) =>
 *   createWebRtcMediaHandler({ ...options, pcConfig: { iceServers } }),
 * );
 * server.on('handler', ({ callKey, handler }) => attachAudio(callKey, handler));
 * server.on('handlerclosed', ({ callKey }) => detachAudio(callKey));
 * ```
 */
export function serveMediaHandlers(
  port: MediaPort,
  createHandler: ServedMediaHandlerFactory,
): MediaHandlerServer {
  const calls = new Map<string, ServedCall>();
  const ended = new Set<string>();
  const emitter = new TypedEmitter<MediaHandlerServerEvents>();

  const endCall = (callKey: string): void => {
    const call = calls.get(callKey);
    if (call === undefined) return;
    calls.delete(callKey);
    ended.add(callKey);
    if (ended.size > ENDED_CALLS_KEPT) ended.delete(ended.values().next().value as string);
    call.handler.close();
    emitter.emit('handlerclosed', { callKey });
  };

  const reportDtmf = (callKey: string, call: ServedCall, supported = dtmfSupported(call)): void => {
    if (supported === call.dtmf) return;
    call.dtmf = supported;
    port.send({ kind: 'event', callKey, event: 'dtmf', supported }, call.owner);
  };

  /** The call's handler, made on its first message; undefined once it ended. */
  const callFor = (
    message: MediaRpcRequest | MediaRpcCommand,
    from: string,
  ): ServedCall | undefined => {
    const existing = calls.get(message.callKey);
    if (existing !== undefined) {
      existing.owner = from;
      return existing;
    }
    if (ended.has(message.callKey) || message.create === undefined) return undefined;
    const handler = createHandler(message.create, { callKey: message.callKey, ownerTab: from });
    const call: ServedCall = { handler, owner: from, dtmf: false, described: false };
    calls.set(message.callKey, call);
    forwardEvents(port, message.callKey, call);
    emitter.emit('handler', { callKey: message.callKey, handler });
    return call;
  };

  const request = async (message: MediaRpcRequest, from: string): Promise<unknown> => {
    const call = callFor(message, from);
    if (call === undefined) throw notServed(message.callKey);
    const value = await run(call.handler, message);
    if (message.method === 'createOffer' || message.method === 'createAnswer')
      call.described = true;
    if (message.method !== 'getStats' && message.method !== 'audioPacketsReceived')
      reportDtmf(message.callKey, call);
    return value;
  };

  const command = (message: MediaRpcCommand, from: string): void => {
    if (message.command === 'close') return endCall(message.callKey);
    const call = callFor(message, from);
    if (call === undefined) return;
    const handler = call.handler;
    switch (message.command) {
      case 'createConnection':
        // Its failure (no WebRTC) is met again, and reported, by the first offer or answer.
        try {
          handler.createConnection?.();
        } catch {
          // see above
        }
        return;
      case 'setMuted':
        return handler.setMuted(message.media, message.muted);
      case 'sendDtmf': {
        let sent = false;
        try {
          sent = handler.sendDtmf(message.tones, message.options);
        } catch {
          // Checked at the owner already; a tone the handler refuses is not sent.
        }
        // What the real sender just said wins over what was inferred before.
        return reportDtmf(message.callKey, call, sent);
      }
    }
  };

  const stop = port.onMessage((message, from) => {
    if (message.kind === 'command') return command(message, from);
    if (message.kind !== 'request') return;
    const { callKey, id } = message;
    request(message, from).then(
      (value) => port.send({ kind: 'result', callKey, id, value: value as never }, from),
      (error: unknown) => port.send({ kind: 'error', callKey, id, error: toRpcError(error) }, from),
    );
  });

  return {
    handlerFor: (callKey) => calls.get(callKey)?.handler,
    callKeys: () => [...calls.keys()],
    on: (event, listener) => emitter.on(event, listener),
    close: () => {
      stop();
      for (const callKey of [...calls.keys()]) endCall(callKey);
    },
  };
}

/** Sends what the handler reports to the call's owner (read when sent: it changes on takeover). */
function forwardEvents(port: MediaPort, callKey: string, call: ServedCall): void {
  const handler = call.handler;
  const send = (event: MediaRpcMessage): void => port.send(event, call.owner);
  handler.on('icestate', ({ state }) => send({ kind: 'event', callKey, event: 'icestate', state }));
  handler.on('connectionstate', ({ state }) =>
    send({ kind: 'event', callKey, event: 'connectionstate', state }),
  );
  handler.on('failure', ({ step, error }) =>
    send({ kind: 'event', callKey, event: 'failure', step, error: toRpcError(error) }),
  );
  handler.on('remotestream', ({ stream }) =>
    send({
      kind: 'event',
      callKey,
      event: 'remotestream',
      audioTracks: stream.getAudioTracks().length,
      videoTracks: stream.getVideoTracks().length,
    }),
  );
}

function run(handler: MediaHandler, message: MediaRpcRequest): Promise<unknown> {
  switch (message.method) {
    case 'createOffer':
      return handler.createOffer(message.params);
    case 'createAnswer':
      return handler.createAnswer(message.params);
    case 'setRemoteDescription':
      return handler.setRemoteDescription(message.params);
    case 'rollback':
      return handler.rollback();
    case 'replaceLocalMedia':
      return handler.replaceLocalMedia(message.params);
    case 'getStats':
      // An RTCStatsReport cannot cross (a Map-like of live objects): the numbers do.
      return handler.getStats().then((stats) => ({ ...stats, report: undefined }));
    case 'audioPacketsReceived':
      return handler.audioPacketsReceived?.() ?? Promise.resolve(undefined);
  }
}

/**
 * RFC 4733 tones can go out: an audio sender with a DTMF sender on a peer connection, or, for a
 * handler without one, once it produced a local description (its `sendDtmf` then says).
 */
function dtmfSupported(call: ServedCall): boolean {
  const connection = call.handler.connection;
  if (connection === undefined) return call.described;
  return connection
    .getSenders()
    .some((sender) => sender.track?.kind === 'audio' && sender.dtmf?.canInsertDTMF === true);
}

function notServed(callKey: string): Error {
  const error = new Error(
    DEV
      ? `no media handler for call ${callKey} here (it ended, or never began)`
      : `tabs.media-not-served ${callKey}`,
  );
  error.name = 'InvalidStateError';
  return error;
}
