import { useCall } from '@sipkit/react';
import { VideoView } from '@sipkit/ui';

/**
 * The far end's picture with our own in a corner, and a camera switch, for a call that carries
 * video (either side's stream has a video track). Renders nothing for an audio call.
 *
 * @example <VideoArea />
 */
export function VideoArea() {
  const { state, mute, unmute } = useCall();
  if (state === undefined || state.status === 'terminated') return null;
  if (!hasVideo(state.localStream) && !hasVideo(state.remoteStream)) return null;
  const cameraOff = state.muted.video;
  return (
    <section className="video-area" aria-label="Video">
      <VideoView source="remote" className="video-remote" />
      <VideoView source="local" className="video-local" />
      <button
        type="button"
        className="sk-button"
        data-sipkit-variant="toggle"
        data-sipkit-state={cameraOff ? 'off' : 'on'}
        // One state, said once: pressed means the camera is on, and the name stays "Camera". (It
        // used to read "Camera on, pressed" while the camera was off: the label named the action
        // and aria-pressed the opposite state.)
        aria-pressed={!cameraOff}
        disabled={!hasVideo(state.localStream)}
        onClick={() => (cameraOff ? unmute({ video: true }) : mute({ video: true }))}
      >
        Camera
      </button>
    </section>
  );
}

function hasVideo(stream: MediaStream | undefined): boolean {
  return stream !== undefined && stream.getVideoTracks().length > 0;
}
