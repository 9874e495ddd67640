import type { ShareScreenOptions } from '@sipkit/core';
import { forwardRef } from 'react';
import { ControlButton, type ControlProps } from './control-button.js';
import { ControlError } from './control-error.js';
import { useScreenShareToggle } from './use-screen-share-toggle.js';

/** Props of `<ScreenShareButton>`. */
export interface ScreenShareButtonProps extends ControlProps {
  /** Options of the core's `shareScreen` (`replace: 'camera'`, `useUpdate`...). */
  readonly shareOptions?: ShareScreenOptions;
}

/**
 * Share screen / Stop sharing in a running call. The browser's own "Stop sharing" ends it the
 * same way. A failure (picker cancelled, not supported here) is shown after it in a
 * `role="alert"` line. `data-sipkit-action="share-screen"`, `data-sipkit-state` `on` while we
 * share.
 *
 * @example <ScreenShareButton shareOptions={{ replace: 'camera' }} />
 */
export const ScreenShareButton = forwardRef<HTMLButtonElement, ScreenShareButtonProps>(
  function ScreenShareButton({ callId, shareOptions, ...rest }, ref) {
    const control = useScreenShareToggle(callId, shareOptions);
    return (
      <ControlButton
        ref={ref}
        control={control}
        after={<ControlError action="share-screen" error={control.error} />}
        {...rest}
      />
    );
  },
);
