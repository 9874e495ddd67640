import { useCall } from '@sipkit/react';
import { ScreenShareButton, ScreenShareView, VideoButton } from '@sipkit/ui';

/**
 * Mid-call media changes for the established call: turn video on and off, share the screen, and
 * the far end's shared screen (its camera shows in `<VideoArea>`). Renders nothing outside a
 * confirmed call.
 *
 * @example <MediaChangeArea />
 */
export function MediaChangeArea() {
  const { state } = useCall();
  if (state === undefined || state.status !== 'confirmed') return null;
  return (
    <section className="media-change" aria-label="Video and screen sharing">
      <div className="media-change-buttons">
        <VideoButton />
        <ScreenShareButton />
      </div>
      <ScreenShareView className="video-screen" />
    </section>
  );
}
