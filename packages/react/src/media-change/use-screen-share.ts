import {
  shareScreen as startShare,
  stopScreenShare as stopShare,
  type ShareScreenOptions,
  type StopScreenShareOptions,
} from '@sipkit/core';
import { useSipStore } from '../hooks/use-sip-store.js';
import { screenShareOf, type ScreenShareState } from './call-media-state.js';
import { useCallMediaBinding } from './use-call-media.js';
import { useMediaChangeActions } from './use-media-change-actions.js';
import { useRemoteVideoTrack } from './remote-track.js';

/**
 * What `useScreenShare` returns.
 *
 * @example const { screenShare, shareScreen }: UseScreenShareResult = useScreenShare();
 */
export interface UseScreenShareResult {
  /** Who shares a screen: `local` (us), `remote` (the far end), or null. */
  readonly screenShare: ScreenShareState;
  /** The far end's screen track, for a `<video>` (see `ScreenShareView` of `@sipkit/ui`). */
  readonly remoteScreen: MediaStreamTrack | undefined;
  readonly pending: boolean;
  /** Why the last share failed (`MediaChangeError`); cleared by the next. */
  readonly error: Error | undefined;
  /** Shares the screen (getDisplayMedia); resolves false on failure or a cancelled picker. */
  shareScreen(options?: ShareScreenOptions): Promise<boolean>;
  stopScreenShare(options?: StopScreenShareOptions): Promise<boolean>;
}

/**
 * Screen sharing in a call (the current one, or `id`): ours (as an extra video stream, or in the
 * camera's place with `{ replace: 'camera' }`) and the far end's. Its own hook and module, so an
 * app that never shares carries none of the core's screen-share code.
 *
 * @example
 * const { screenShare, shareScreen, stopScreenShare } = useScreenShare();
 * return screenShare === 'local'
 *   ? <button onClick={() => void stopScreenShare()}>Stop sharing</button>
 *   : <button onClick={() => void shareScreen()}>Share screen</button>;
 */
export function useScreenShare(id?: string): UseScreenShareResult {
  const callId = useCallMediaBinding(id);
  const screenShare = useSipStore((s) =>
    callId === undefined ? null : screenShareOf(s.callMedia?.[callId]),
  );
  const remoteScreen = useRemoteVideoTrack(callId, 'screen');
  const { pending, error, start, stop } = useMediaChangeActions(callId, startShare, stopShare);
  return {
    screenShare,
    remoteScreen,
    pending,
    error,
    shareScreen: start,
    stopScreenShare: stop,
  };
}
