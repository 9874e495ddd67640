// Mid-call media changes (issue 24): adding and removing video, sharing the screen, following
// the far end doing the same. Functions over a `Session`, not methods: the session class is in
// every call app, and these modules only in apps that import them.
export { addVideo, answerVideoOffers, removeVideo } from './video.js';
export type {
  AddVideoOptions,
  AnswerVideoOffersOptions,
  RemoveVideoOptions,
  VideoOffer,
} from './video.js';
export { shareScreen, stopScreenShare } from './screen-share.js';
export type { ShareScreenOptions, StopScreenShareOptions } from './screen-share.js';
export { watchRemoteMedia } from './remote-media.js';
export type {
  RemoteMedia,
  RemoteMediaEvents,
  RemoteMediaWatch,
  RemoteVideo,
} from './remote-media.js';
export {
  callMedia,
  type CallMedia,
  type CallMediaEvents,
  type LocalVideoState,
} from './call-media.js';
export { MediaChangeError, type MediaChangeProblem } from './media-change-error.js';
export { sectionContents, withContent } from './content-attribute.js';
export { peerConnectionSlots } from './peer-connection-slots.js';
export { VideoSenders, type VideoRole } from './video-senders.js';
export type { GetDisplayMedia } from './device-access.js';
