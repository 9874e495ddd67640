/**
 * The pre-Unified-Plan stream API JsSIP apps still call on `session.connection`:
 * `getLocalStreams()`, `getRemoteStreams()` and the `addstream` event (`onaddstream` too).
 * Chromium removed them; the adapter adds them to the one peer connection of a call (own
 * properties on that object, nothing global), built on the tracks API: local streams are the
 * call's local stream, remote streams are those `track` events carry.
 */

/** What the shim reads from the call: the streams SipKit's media handler keeps. */
export interface StreamSource {
  readonly localStream: MediaStream | undefined;
  readonly remoteStream: MediaStream | undefined;
}

/** The legacy members the shim adds. */
export interface LegacyStreamApi {
  getLocalStreams(): MediaStream[];
  getRemoteStreams(): MediaStream[];
  onaddstream: ((event: Event & { readonly stream: MediaStream }) => void) | null;
}

/** The peer connection as JsSIP apps see it: the real one, plus the legacy stream API. */
export type JsSipPeerConnection = RTCPeerConnection & LegacyStreamApi;

const patched = new WeakSet<object>();

/**
 * Adds the legacy stream API to `connection` (once; members the runtime still has are kept) and
 * returns it. Each new remote stream is announced with an `addstream` event carrying `stream`.
 *
 * @example const pc = withLegacyStreams(session.media.connection, session.media);
 */
export function withLegacyStreams(
  connection: RTCPeerConnection,
  source: StreamSource,
): JsSipPeerConnection {
  const pc = connection as JsSipPeerConnection;
  if (patched.has(pc)) return pc;
  patched.add(pc);
  const remote: MediaStream[] = [];
  const own = pc as unknown as Record<string, unknown>;
  if (typeof own['getLocalStreams'] !== 'function') {
    own['getLocalStreams'] = (): MediaStream[] => {
      const stream = source.localStream;
      return stream === undefined ? [] : [stream];
    };
  }
  if (typeof own['getRemoteStreams'] !== 'function') {
    own['getRemoteStreams'] = (): MediaStream[] => {
      const stream = source.remoteStream;
      if (stream !== undefined && !remote.includes(stream)) return [stream, ...remote];
      return [...remote];
    };
  }
  if (!('onaddstream' in own)) own['onaddstream'] = null;
  pc.addEventListener('track', (event: RTCTrackEvent) => {
    for (const stream of event.streams) {
      if (remote.includes(stream)) continue;
      remote.push(stream);
      announce(pc, stream);
    }
  });
  return pc;
}

function announce(pc: JsSipPeerConnection, stream: MediaStream): void {
  const event = Object.assign(new Event('addstream'), { stream });
  pc.dispatchEvent(event);
  pc.onaddstream?.(event);
}
