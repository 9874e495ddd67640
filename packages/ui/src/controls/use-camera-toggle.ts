import { useCall } from '@sipkit/react';
import { useMessages } from '../messages/messages-provider.js';
import { useControlCallId } from './control-context.js';
import { controlToggle, type ControlToggle } from './toggle-result.js';

/**
 * The camera of a video call: pressed while our video is sent, so a press says "Stop video";
 * off, "Start video". Usable while the call is live and carries our video track (a call placed
 * or answered with `mediaConstraints.video`).
 *
 * @example
 * const camera = useCameraToggle();
 * <button {...camera.buttonProps}>{camera.pressed ? '📷' : '🚫'} {camera.label}</button>
 */
export function useCameraToggle(callId?: string): ControlToggle {
  const call = useCall(useControlCallId(callId));
  const { controls } = useMessages();
  const { state } = call;
  const sending = hasVideo(state?.localStream);
  const on = sending && !(state?.muted.video ?? false);
  const live = state !== undefined && state.status !== 'terminated';
  return controlToggle(
    'video',
    on,
    !live || !sending,
    on ? controls.stopVideo : controls.startVideo,
    () => (on ? call.mute({ video: true }) : call.unmute({ video: true })),
  );
}

/** Whether a stream has a video track (DOM shims and happy-dom may lack the tracks API). */
export function hasVideo(stream: MediaStream | undefined): boolean {
  if (stream === undefined || typeof stream.getVideoTracks !== 'function') return false;
  return stream.getVideoTracks().length > 0;
}
