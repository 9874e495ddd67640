import { addVideo, removeVideo, type AddVideoOptions, type RemoveVideoOptions } from '@sipkit/core';
import { useSipStore } from '../hooks/use-sip-store.js';
import { NO_CALL_MEDIA } from './call-media-state.js';
import { useCallMediaBinding } from './use-call-media.js';
import { useMediaChangeActions } from './use-media-change-actions.js';
import { useRemoteVideoTrack } from './remote-track.js';

/**
 * What `useCallVideo` returns.
 *
 * @example const { localVideo, startVideo, error }: UseCallVideoResult = useCallVideo();
 */
export interface UseCallVideoResult {
  /** We send our camera. */
  readonly localVideo: boolean;
  /** The far end sends its camera. */
  readonly remoteVideo: boolean;
  /** The far end's camera track, for a `<video>` (see `RemoteVideo` of `@sipkit/ui`). */
  readonly remoteCamera: MediaStreamTrack | undefined;
  /** A start or stop in progress. */
  readonly pending: boolean;
  /** Why the last start failed (`MediaChangeError`: `problem`, `parameter`, advice); cleared by the next. */
  readonly error: Error | undefined;
  /** Turns our camera on (re-INVITE); resolves false on failure (see `error`), the call unchanged. */
  startVideo(options?: AddVideoOptions): Promise<boolean>;
  /** Turns our camera off (re-INVITE); audio goes on. */
  stopVideo(options?: RemoveVideoOptions): Promise<boolean>;
}

/**
 * Our camera in a call (the current one, or `id`): on and off mid-call, with the far end's
 * camera to show. Screen sharing is `useScreenShare`, apart, so an app without it carries none
 * of its code.
 *
 * @example
 * const { localVideo, startVideo, stopVideo } = useCallVideo();
 * return <button onClick={() => void (localVideo ? stopVideo() : startVideo())}>Video</button>;
 */
export function useCallVideo(id?: string): UseCallVideoResult {
  const callId = useCallMediaBinding(id);
  const media = useSipStore((s) => (callId === undefined ? undefined : s.callMedia?.[callId]));
  const remoteCamera = useRemoteVideoTrack(callId, 'camera');
  const { pending, error, start, stop } = useMediaChangeActions(callId, addVideo, removeVideo);
  const state = media ?? NO_CALL_MEDIA;
  return {
    localVideo: state.localVideo,
    remoteVideo: state.remoteVideo,
    remoteCamera,
    pending,
    error,
    startVideo: start,
    stopVideo: stop,
  };
}
