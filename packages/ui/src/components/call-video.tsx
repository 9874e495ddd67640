import { useCall } from '@sipkit/react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { hasVideo } from '../controls/use-camera-toggle.js';
import { classNames } from '../internal/class-names.js';
import { useMessages } from '../messages/messages-provider.js';
import { VideoView } from './video-view.js';

/** Props of `<CallVideo>`. */
export interface CallVideoProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The call; default the current one. */
  readonly callId?: string;
}

/**
 * The pictures of a video call: the far end's, with yours in a corner (mirrored). Renders
 * nothing for a call without video on either side, or once it ended. A group named "Video";
 * `data-sipkit-state` is `live` (the far end sends video) or `waiting`. Part of `<Softphone>`.
 *
 * @example <CallVideo className="stage" />
 */
export const CallVideo = forwardRef<HTMLDivElement, CallVideoProps>(function CallVideo(
  { callId, className, ...rest },
  ref,
) {
  const { state } = useCall(callId);
  const { softphone } = useMessages();
  if (state === undefined || state.status === 'terminated') return null;
  const remote = hasVideo(state.remoteStream);
  if (!remote && !hasVideo(state.localStream)) return null;
  const ids = callId === undefined ? {} : { callId };
  return (
    <div
      ref={ref}
      role="group"
      aria-label={softphone.video}
      className={classNames('sk-call-video', className)}
      data-sipkit-state={remote ? 'live' : 'waiting'}
      {...rest}
    >
      <VideoView source="remote" className="sk-call-video-remote" {...ids} />
      <VideoView source="local" className="sk-call-video-local" {...ids} />
    </div>
  );
});
