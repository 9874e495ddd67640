/**
 * The media side of a call, behind one interface so session code never touches
 * RTCPeerConnection: the default is `WebRtcMediaHandler`; tests use the fake media handler of
 * `@sipkit/testing`; other runtimes can bring their own.
 *
 * The session drives the offer/answer model (RFC 3264) through it: it asks for an offer or an
 * answer (SDP strings), hands it remote descriptions, and tells it the hold state it wants. The
 * handler owns tracks, transceivers, ICE gathering and DTMF over RTP (RFC 4733).
 */

import type { PeerConnectionLike } from './peer-connection-like.js';
import type { VideoSlots } from './video-slots.js';

/** The WebRTC steps a handler reports failures of (`failure` event). */
export type MediaStep =
  'getUserMedia' | 'createOffer' | 'createAnswer' | 'setLocalDescription' | 'setRemoteDescription';

/** What the handler reports to the session (and the session re-emits to the app). */
export interface MediaHandlerEvents {
  /**
   * A local ICE candidate was gathered (before the SDP is handed back). `ready()`, where the
   * handler offers it, ends the ICE gathering wait at once: the SDP goes out with the candidates
   * gathered so far.
   */
  icecandidate: { readonly candidate: RTCIceCandidate | null; readonly ready?: () => void };
  /** The peer connection was created (before any offer or answer). */
  peerconnection: { readonly connection: PeerConnectionLike };
  /**
   * A step failed; the promise of the method that ran it rejects with the same error right after.
   * Lets the session tell a getUserMedia failure from a WebRTC one.
   */
  failure: { readonly step: MediaStep; readonly error: Error };
  /** The remote stream changed (a track arrived or ended). */
  remotestream: { readonly stream: MediaStream };
  /** The peer connection's state (ICE and DTLS together), for apps that show it. */
  connectionstate: { readonly state: RTCPeerConnectionState };
  /**
   * The ICE connection state changed (`iceconnectionstatechange`). The session recovers the call
   * from it: `disconnected` past a grace period or `failed` starts an ICE restart, `connected` /
   * `completed` ends the recovery (see `session/media-recovery.ts`).
   */
  icestate: { readonly state: RTCIceConnectionState };
}

/** Options for producing a local description. */
export interface LocalDescriptionOptions {
  /**
   * True while we hold the call (RFC 3264 §8.4): our media is sent `sendonly` (or `inactive` when
   * the far end does not send either); false for `sendrecv`.
   */
  readonly localHold: boolean;
  /** ICE restart (offers only). */
  readonly iceRestart?: boolean;
}

/** Options for one RFC 4733 tone sequence. */
export interface DtmfOptions {
  /** Tone length in ms (40-6000; RTCDTMFSender's range). Default 100. */
  readonly duration?: number;
  /** Gap between tones in ms (at least 30). Default 70. */
  readonly interToneGap?: number;
}

/** Numbers a call-quality view needs, read from `getStats()` (undefined when not known yet). */
export interface MediaStats {
  /** Outbound audio+video bits per second since the previous call to `getStats`. */
  readonly sendBitrate: number | undefined;
  readonly receiveBitrate: number | undefined;
  readonly packetsReceived: number | undefined;
  readonly packetsLost: number | undefined;
  /** Fraction 0-1 of packets lost since the start. */
  readonly packetLoss: number | undefined;
  /** Seconds. */
  readonly jitter: number | undefined;
  /** Seconds. */
  readonly roundTripTime: number | undefined;
  /** The raw report, for anything else. */
  readonly report: RTCStatsReport | undefined;
}

/** A listener registration that can be undone. */
export type Unsubscribe = () => void;

/**
 * One call's media. Every method may be called only between creation and `close()`; after
 * `close()` they reject or do nothing. Errors reject the returned promises (the session turns
 * them into a `failed`/`ended` cause such as "WebRTC Error" or "Bad Media Description").
 */
export interface MediaHandler {
  /**
   * Gets local media if not given yet (mediaConstraints / mediaStream of the call options) and
   * produces a complete offer: ICE gathering has finished (or its timeout ran out), so the SDP
   * holds the candidates.
   */
  createOffer(options: LocalDescriptionOptions): Promise<string>;
  /** The answer to the remote offer last set with `setRemoteDescription`. */
  createAnswer(options: LocalDescriptionOptions): Promise<string>;
  /**
   * Applies the far end's SDP. Rejects with a `MediaDescriptionError` when the SDP is malformed
   * or incompatible.
   */
  setRemoteDescription(description: {
    readonly type: 'offer' | 'answer' | 'pranswer';
    readonly sdp: string;
  }): Promise<void>;
  /**
   * Drops a pending local offer (RFC 3264 §5.1 / JSEP rollback), e.g. when a re-INVITE we sent
   * failed: the previous negotiated state stays in force.
   */
  rollback(): Promise<void>;
  /**
   * Switches the microphone and/or camera of a live call without renegotiating
   * (`RTCRtpSender.replaceTrack`): takes new tracks with `constraints`, swaps them in for the
   * tracks of the same kinds, and stops the replaced tracks this handler had acquired. Kinds the
   * call does not send are left alone. Rejects like getUserMedia does (e.g. `NotAllowedError`).
   */
  replaceLocalMedia(constraints: MediaStreamConstraints): Promise<void>;
  /** Enables or disables local tracks without signalling. */
  setMuted(kind: 'audio' | 'video', muted: boolean): void;
  /** Sends tones in the RTP stream (RFC 4733). Returns false when no DTMF sender exists. */
  sendDtmf(tones: string, options?: DtmfOptions): boolean;
  /** The local stream (after the first offer/answer), or undefined. */
  readonly localStream: MediaStream | undefined;
  /** The remote stream, or undefined until the far end sends media. */
  readonly remoteStream: MediaStream | undefined;
  /** The peer connection, for handlers built on one (undefined until it is created). */
  readonly connection?: PeerConnectionLike | undefined;
  /**
   * Creates the peer connection now rather than on the first offer or answer, so that it exists
   * (and `peerconnection` was emitted) as soon as a call is placed or answered. Throws like the
   * first offer would (e.g. `NotSupportedError`).
   */
  readonly createConnection?: (() => void) | undefined;
  /**
   * The video senders, for adding and removing video mid-call (`addVideo`, `shareScreen`).
   * Optional: handlers built on a peer connection are adapted from `connection` instead.
   */
  readonly videoSlots?: VideoSlots | undefined;
  getStats(): Promise<MediaStats>;
  /**
   * Audio RTP packets received so far (the audio `inbound-rtp` `packetsReceived`), undefined when
   * not known. The session's stall watch reads it every 500 ms while the call is up and not on
   * hold: a count that stops rising means the media path broke, seconds before ICE reports
   * `disconnected`. Optional: a handler without it is recovered from ICE states alone.
   */
  readonly audioPacketsReceived?: (() => Promise<number | undefined>) | undefined;
  on<K extends keyof MediaHandlerEvents>(
    event: K,
    listener: (payload: MediaHandlerEvents[K]) => void,
  ): Unsubscribe;
  /** Stops local tracks this handler acquired, closes the peer connection. Idempotent. */
  close(): void;
}

/** Options a session hands its media handler factory (the `ua.call` / `answer` options). */
export interface MediaHandlerOptions {
  /** getUserMedia constraints; default `{ audio: true, video: false }`. */
  readonly mediaConstraints?: MediaStreamConstraints | undefined;
  /** A stream the app already has; used instead of getUserMedia (and not stopped on close). */
  readonly mediaStream?: MediaStream | undefined;
  /** RTCPeerConnection configuration (ICE servers...). */
  readonly pcConfig?: RTCConfiguration | undefined;
  /**
   * The legacy second argument of the RTCPeerConnection constructor (e.g.
   * `{ optional: [{ DtlsSrtpKeyAgreement: true }] }`), passed through as given.
   */
  readonly rtcConstraints?: object | undefined;
  /** Passed to createOffer (e.g. `offerToReceiveVideo`). */
  readonly rtcOfferConstraints?: RTCOfferOptions | undefined;
  /** Passed to createAnswer. */
  readonly rtcAnswerConstraints?: RTCAnswerOptions | undefined;
  /**
   * Longest wait (ms) for ICE gathering once a srflx or relay candidate arrived; gathering also
   * ends on `icegatheringstatechange` complete or the null end-of-candidates event. Default 500.
   */
  readonly iceGatheringTimeout?: number | undefined;
  /**
   * Hard cap on ICE gathering in ms even when no srflx/relay candidate comes. Default 5000. With
   * only host candidates (e.g. an unreachable STUN server) an offer or answer waits this long.
   */
  readonly iceGatheringMaxTime?: number | undefined;
}

/** Makes the media handler of one call. */
export type MediaHandlerFactory = (options: MediaHandlerOptions) => MediaHandler;

/** The far end's SDP cannot be used (malformed or incompatible): the call fails with a clear cause. */
export class MediaDescriptionError extends Error {
  override readonly name = 'MediaDescriptionError';
}
