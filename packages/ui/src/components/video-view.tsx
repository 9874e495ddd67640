import { useSipStore } from '@sipkit/react';
import { forwardRef, useEffect, useState, type ComponentPropsWithoutRef } from 'react';
import { classNames } from '../internal/class-names.js';
import { useMergedRef } from '../internal/use-merged-ref.js';
import { useMessages } from '../messages/messages-provider.js';

/** Props of `<VideoView>`. */
export interface VideoViewProps extends Omit<
  ComponentPropsWithoutRef<'video'>,
  'children' | 'src'
> {
  /** A stream to show. Without it, `source` of the call `callId` (default the current one). */
  readonly stream?: MediaStream;
  /** Which side of the call to show; default `remote`. */
  readonly source?: 'local' | 'remote';
  readonly callId?: string;
  /** Mirror the picture (what people expect of their own camera); default: for `local`. */
  readonly mirrored?: boolean;
  /** Class of the wrapper; the `<video>` has `sk-video-element`. */
  readonly className?: string;
}

/**
 * Shows a call's local or remote video by attaching the `MediaStream` as `srcObject` (never a
 * URL). Always muted: call audio plays through `<RemoteAudio>`, so it is not heard twice. The
 * wrapper has `data-sipkit-state` (`live` with video tracks, else `empty`, with a "No video" note),
 * `data-sipkit-source` and `data-sipkit-mirrored`. The ref is the `<video>`.
 *
 * @example <VideoView source="local" className="pip" />
 */
export const VideoView = forwardRef<HTMLVideoElement, VideoViewProps>(function VideoView(
  { stream, source = 'remote', callId, mirrored, className, ...rest },
  ref,
) {
  const fromCall = useSipStore((s) => {
    const call = s.calls[callId ?? s.currentCallId ?? ''];
    if (call === undefined || call.status === 'terminated') return undefined;
    return source === 'local' ? call.localStream : call.remoteStream;
  });
  const shown = stream ?? fromCall;
  const { video } = useMessages();
  const [element, setElement] = useState<HTMLVideoElement | null>(null);
  const setRef = useMergedRef(ref, setElement);
  useEffect(() => {
    if (element === null) return;
    element.srcObject = shown ?? null;
    return () => {
      element.srcObject = null;
    };
  }, [element, shown]);
  const live = hasVideo(shown);
  return (
    <div
      className={classNames('sk-video', className)}
      data-sipkit-state={live ? 'live' : 'empty'}
      data-sipkit-source={source}
      data-sipkit-mirrored={(mirrored ?? source === 'local') ? '' : undefined}
    >
      <video
        ref={setRef}
        className="sk-video-element"
        autoPlay
        playsInline
        muted
        aria-label={source === 'local' ? video.local : video.remote}
        {...rest}
      />
      {live ? null : (
        <span className="sk-video-empty" aria-hidden="true">
          {video.empty}
        </span>
      )}
    </div>
  );
});

// DOM shims (and happy-dom) may have streams without the tracks API.
function hasVideo(stream: MediaStream | undefined): boolean {
  if (stream === undefined || typeof stream.getVideoTracks !== 'function') return false;
  return stream.getVideoTracks().length > 0;
}
