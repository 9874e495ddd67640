/**
 * The part of the WebRTC API that `WebRtcMediaHandler` uses, as structural types. The browser's
 * `RTCPeerConnection` satisfies them (a compile-time check in the tests keeps it so), and so can a
 * test fake or another runtime's implementation without faking the whole DOM interface.
 */

/** The `icecandidate` event: `candidate` is null once gathering has ended. */
export interface IceCandidateEventLike {
  readonly candidate: RTCIceCandidate | null;
}

/** The `track` event: a remote track and the streams the far end put it in (maybe none). */
export interface TrackEventLike {
  readonly track: MediaStreamTrack;
  readonly streams: readonly MediaStream[];
}

/** `RTCDTMFSender` (RFC 4733 tones over the audio sender). */
export interface DtmfSenderLike {
  readonly canInsertDTMF: boolean;
  /** Tones queued but not played yet. */
  readonly toneBuffer: string;
  insertDTMF(tones: string, duration?: number, interToneGap?: number): void;
}

/** `RTCRtpSender`. */
export interface RtpSenderLike {
  readonly track: MediaStreamTrack | null;
  readonly dtmf: DtmfSenderLike | null;
  replaceTrack(track: MediaStreamTrack | null): Promise<void>;
}

/** `RTCRtpTransceiver`. */
export interface RtpTransceiverLike {
  direction: RTCRtpTransceiverDirection;
  readonly currentDirection: RTCRtpTransceiverDirection | null;
  readonly sender: RtpSenderLike;
  /** The receiver's track always exists and tells the transceiver's kind. */
  readonly receiver: { readonly track: { readonly kind: string } };
  /** The m= section's `a=mid` once negotiated (absent in stand-ins that do not model it). */
  readonly mid?: string | null;
}

/**
 * `RTCPeerConnection`, as far as the media handler needs it.
 *
 * @example
 * ```ts
 * const pc: PeerConnectionLike = new RTCPeerConnection({ iceServers: [] });
 * ```
 */
export interface PeerConnectionLike {
  readonly localDescription: { readonly type: RTCSdpType; readonly sdp: string } | null;
  readonly signalingState: RTCSignalingState;
  readonly iceGatheringState: RTCIceGatheringState;
  readonly connectionState: RTCPeerConnectionState;
  readonly iceConnectionState: RTCIceConnectionState;
  createOffer(options?: RTCOfferOptions): Promise<RTCSessionDescriptionInit>;
  createAnswer(options?: RTCAnswerOptions): Promise<RTCSessionDescriptionInit>;
  setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void>;
  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void>;
  addTrack(track: MediaStreamTrack, ...streams: MediaStream[]): RtpSenderLike;
  getTransceivers(): RtpTransceiverLike[];
  getSenders(): RtpSenderLike[];
  getStats(): Promise<RTCStatsReport>;
  close(): void;
  addEventListener(type: 'icecandidate', listener: (event: IceCandidateEventLike) => void): void;
  addEventListener(type: 'track', listener: (event: TrackEventLike) => void): void;
  addEventListener(
    type: 'icegatheringstatechange' | 'connectionstatechange' | 'iceconnectionstatechange',
    listener: () => void,
  ): void;
  removeEventListener(type: 'icecandidate', listener: (event: IceCandidateEventLike) => void): void;
  removeEventListener(type: 'icegatheringstatechange', listener: () => void): void;
}

/** A constructor of peer connections: the global `RTCPeerConnection` or a stand-in. */
export type PeerConnectionConstructor = new (
  configuration?: RTCConfiguration,
  constraints?: object,
) => PeerConnectionLike;

/** `navigator.mediaDevices.getUserMedia`, or a stand-in. */
export type GetUserMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

/** The `MediaStream` constructor (used to build a remote stream when the far end names none). */
export type MediaStreamConstructor = new (tracks?: MediaStreamTrack[]) => MediaStream;
