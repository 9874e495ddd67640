import { forwardRef } from 'react';
import { ControlButton, type ControlProps } from './control-button.js';
import { useCameraToggle } from './use-camera-toggle.js';

/** Props of `<CameraButton>`. */
export type CameraButtonProps = ControlProps;

/**
 * Stop/Start video: the camera of a video call, usable while the call carries our video. Works alone or inside `<CallControls>`; `useCameraToggle` gives the same for your own
 * markup. `data-sipkit-state` is `on` or `off`, `data-sipkit-action` names the control.
 *
 * @example <CameraButton className="round" />
 */
export const CameraButton = forwardRef<HTMLButtonElement, CameraButtonProps>(function CameraButton(
  { callId, ...rest },
  ref,
) {
  return <ControlButton ref={ref} control={useCameraToggle(callId)} {...rest} />;
});
