import type { AddVideoOptions } from '@sipkit/core';
import { useCall, useCallVideo } from '@sipkit/react';
import { useMessages } from '../messages/messages-provider.js';
import { useControlCallId } from './control-context.js';
import { mediaChangeToggle } from './media-change-toggle.js';
import type { ControlToggle } from './toggle-result.js';

/** What `useVideoToggle` returns: a control, and why the last start failed. */
export interface VideoToggle extends ControlToggle {
  readonly pending: boolean;
  /** The `MediaChangeError` of the last failed start (its message says what to change). */
  readonly error: Error | undefined;
}

/**
 * Our camera added to or removed from a running call (re-INVITE: an audio call becomes a video
 * call and back), pressed while we send it. Unlike `useCameraToggle` (mute the camera of a video
 * call), this one negotiates. Usable in a confirmed call, not while a change is in flight.
 *
 * @example
 * const video = useVideoToggle();
 * <button {...video.buttonProps}>{video.label}</button>
 */
export function useVideoToggle(callId?: string, options?: AddVideoOptions): VideoToggle {
  const id = useControlCallId(callId);
  const { state } = useCall(id);
  const video = useCallVideo(id);
  const { controls } = useMessages();
  const on = video.localVideo;
  return mediaChangeToggle(
    'add-video',
    on,
    state,
    video,
    on ? controls.turnOffVideo : controls.turnOnVideo,
    () => void (on ? video.stopVideo() : video.startVideo(options)),
  );
}
