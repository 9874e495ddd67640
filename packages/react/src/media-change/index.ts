// Mid-call video and screen sharing (issue 24): hooks over the core's media-change functions,
// reached from nothing else, so an app that does not use them carries none of it.
export { useCallMedia, type CallMediaView } from './use-call-media.js';
export { useCallVideo, type UseCallVideoResult } from './use-call-video.js';
export { useScreenShare, type UseScreenShareResult } from './use-screen-share.js';
export {
  NO_CALL_MEDIA,
  screenShareOf,
  type CallMediaSlice,
  type CallMediaState,
  type ScreenShareState,
} from './call-media-state.js';
