import { useCallVideo, useScreenShare } from '@sipkit/react';
import { forwardRef, useMemo, type ComponentPropsWithoutRef } from 'react';
import { useMessages } from '../messages/messages-provider.js';
import { VideoView } from './video-view.js';

/** Props of `<RemoteVideo>` and `<ScreenShareView>`. */
export interface RemoteTrackViewProps extends Omit<
  ComponentPropsWithoutRef<'video'>,
  'children' | 'src'
> {
  /** The call; default the current one. */
  readonly callId?: string;
  /** Class of the wrapper (see `<VideoView>`). */
  readonly className?: string;
}

/**
 * The far end's camera in a call whose video was added mid-call (`useCallVideo`), or undefined
 * where the stream cannot be built. Renders nothing while it sends none.
 *
 * @example <RemoteVideo className="stage" />
 */
export const RemoteVideo = forwardRef<HTMLVideoElement, RemoteTrackViewProps>(function RemoteVideo(
  { callId, ...rest },
  ref,
) {
  const { remoteCamera } = useCallVideo(callId);
  const { video } = useMessages();
  const stream = useTrackStream(remoteCamera);
  if (stream === undefined) return null;
  return <VideoView ref={ref} stream={stream} aria-label={video.remote} {...rest} />;
});

/**
 * The screen the far end shares (RFC 4796 `a=content:slides`), shown whole (`object-fit:
 * contain`, never mirrored). Renders nothing while nobody shares; `data-sipkit-content="slides"`.
 *
 * @example <ScreenShareView className="stage" />
 */
export const ScreenShareView = forwardRef<HTMLVideoElement, RemoteTrackViewProps>(
  function ScreenShareView({ callId, ...rest }, ref) {
    const { remoteScreen } = useScreenShare(callId);
    const { video } = useMessages();
    const stream = useTrackStream(remoteScreen);
    if (stream === undefined) return null;
    return (
      <VideoView
        ref={ref}
        stream={stream}
        mirrored={false}
        aria-label={video.remoteScreen}
        data-sipkit-content="slides"
        {...rest}
      />
    );
  },
);

/** One stream per track (a `<video>` shows one video track: the far end's camera and screen may share a stream). */
function useTrackStream(track: MediaStreamTrack | undefined): MediaStream | undefined {
  return useMemo(() => {
    if (track === undefined || typeof MediaStream === 'undefined') return undefined;
    const stream = new MediaStream();
    // happy-dom's MediaStream has no tracks API: report the one track, as the views read it.
    if (typeof stream.addTrack === 'function' && typeof stream.getVideoTracks === 'function') {
      try {
        stream.addTrack(track);
        if (stream.getVideoTracks().length > 0) return stream;
      } catch {
        // a stand-in track a real MediaStream refuses: reported below instead
      }
    }
    stream.getVideoTracks = () => [track];
    return stream;
  }, [track]);
}
