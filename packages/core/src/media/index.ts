// Public API of the media layer (re-exported from the package root): the MediaHandler contract,
// its default WebRTC implementation, and the SDP direction helpers the session's hold logic uses.
export {
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
export {
  createWebRtcMediaHandler,
  WebRtcMediaHandler,
  type WebRtcMediaHandlerOptions,
} from './webrtc-media-handler.js';
export type {
  DtmfSenderLike,
  GetUserMedia,
  IceCandidateEventLike,
  MediaStreamConstructor,
  PeerConnectionConstructor,
  PeerConnectionLike,
  RtpSenderLike,
  RtpTransceiverLike,
  TrackEventLike,
} from './peer-connection-like.js';
export {
  DEFAULT_ICE_GATHERING_MAX_TIME,
  DEFAULT_ICE_GATHERING_TIMEOUT,
  gatherLocalDescription,
  type IceGatheringOptions,
} from './ice-gathering.js';
export type { VideoSlot, VideoSlots } from './video-slots.js';
export { DEFAULT_MEDIA_CONSTRAINTS } from './local-media.js';
export {
  DEFAULT_DTMF_DURATION,
  DEFAULT_DTMF_INTER_TONE_GAP,
  resolveDtmfOptions,
} from './dtmf-options.js';
export { reduceStats, type ReducedStats, type TrafficSample } from './media-stats.js';
export {
  answerDirection,
  isHoldingUs,
  sdpDirections,
  sdpMediaSections,
  type MediaDirection,
  type SdpMediaSection,
  type StreamDirection,
} from './sdp-direction.js';
