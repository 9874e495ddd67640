/**
 * One call's video, as plain data in the store (`SipState.callMedia`, by call id): written by
 * the media-change hooks (`useCallMedia`, `useCallVideo`, `useScreenShare`), absent until one of
 * them is used, so apps without them carry nothing.
 *
 * @example const media: CallMediaState = { localVideo: true, localScreen: false, remoteVideo: false, remoteScreen: false };
 */
export interface CallMediaState {
  /** We send our camera. */
  readonly localVideo: boolean;
  /** We share our screen. */
  readonly localScreen: boolean;
  /** The far end sends its camera. */
  readonly remoteVideo: boolean;
  /** The far end shares its screen (RFC 4796 `a=content:slides`). */
  readonly remoteScreen: boolean;
}

/** Who shares a screen in a call: us, the far end, or nobody. Ours wins when both do. */
export type ScreenShareState = 'local' | 'remote' | null;

/** The `callMedia` slice of `SipState`. */
export type CallMediaSlice = Readonly<Record<string, CallMediaState>>;

/** Nothing sent or received as video: the state of a call no change touched. */
export const NO_CALL_MEDIA: CallMediaState = Object.freeze({
  localVideo: false,
  localScreen: false,
  remoteVideo: false,
  remoteScreen: false,
});

/**
 * Who shares a screen, from a call's media state.
 *
 * @example screenShareOf({ ...NO_CALL_MEDIA, remoteScreen: true }) // 'remote'
 */
export function screenShareOf(media: CallMediaState | undefined): ScreenShareState {
  if (media?.localScreen === true) return 'local';
  return media?.remoteScreen === true ? 'remote' : null;
}
