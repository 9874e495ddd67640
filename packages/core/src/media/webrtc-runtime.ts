import type {
  GetUserMedia,
  MediaStreamConstructor,
  PeerConnectionConstructor,
} from './peer-connection-like.js';

/** The WebRTC globals a handler uses; any of them may be missing (Node, SSR, workers). */
export interface WebRtcRuntime {
  readonly RTCPeerConnection: PeerConnectionConstructor | undefined;
  readonly getUserMedia: GetUserMedia | undefined;
  readonly MediaStream: MediaStreamConstructor | undefined;
}

/**
 * Looks the WebRTC globals up now. Called when a handler is created, never at import time, so the
 * module loads in Node and during server rendering; what is missing shows up as a rejected
 * offer or answer, not as an import crash.
 *
 * @example
 * ```ts
 * const { RTCPeerConnection } = globalWebRtc();
 * if (RTCPeerConnection === undefined) console.log('no WebRTC here');
 * ```
 */
export function globalWebRtc(): WebRtcRuntime {
  const scope = globalThis as Partial<typeof globalThis>;
  const mediaDevices = scope.navigator?.mediaDevices;
  return {
    RTCPeerConnection: scope.RTCPeerConnection,
    // Bound: getUserMedia throws "Illegal invocation" when called off its MediaDevices.
    getUserMedia:
      mediaDevices?.getUserMedia === undefined
        ? undefined
        : (constraints) => mediaDevices.getUserMedia(constraints),
    MediaStream: scope.MediaStream,
  };
}
