import type { AddVideoOptions } from '@sipkit/core';
import { forwardRef } from 'react';
import { ControlButton, type ControlProps } from './control-button.js';
import { ControlError } from './control-error.js';
import { useVideoToggle } from './use-video-toggle.js';

/** Props of `<VideoButton>`. */
export interface VideoButtonProps extends ControlProps {
  /** Options of the core's `addVideo` (camera constraints, `useUpdate`). */
  readonly videoOptions?: AddVideoOptions;
}

/**
 * Turn on / Turn off video: adds our camera to a running call and removes it again
 * (renegotiated; audio goes on). A failure (camera refused, none found) is shown after it in a
 * `role="alert"` line saying what to change. `data-sipkit-action="add-video"`,
 * `data-sipkit-state` `on` while we send video.
 *
 * @example <VideoButton videoOptions={{ constraints: { width: 1280 } }} />
 */
export const VideoButton = forwardRef<HTMLButtonElement, VideoButtonProps>(function VideoButton(
  { callId, videoOptions, ...rest },
  ref,
) {
  const control = useVideoToggle(callId, videoOptions);
  return (
    <ControlButton
      ref={ref}
      control={control}
      after={<ControlError action="add-video" error={control.error} />}
      {...rest}
    />
  );
});
