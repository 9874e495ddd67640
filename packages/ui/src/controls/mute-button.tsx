import { forwardRef } from 'react';
import { ControlButton, type ControlProps } from './control-button.js';
import { useMuteToggle } from './use-mute-toggle.js';

/** Props of `<MuteButton>`. */
export type MuteButtonProps = ControlProps;

/**
 * Mute/Unmute: the microphone of a call (pressed while muted), usable once answered. Works alone or inside `<CallControls>`; `useMuteToggle` gives the same for your own
 * markup. `data-sipkit-state` is `on` or `off`, `data-sipkit-action` names the control.
 *
 * @example <MuteButton className="round" />
 */
export const MuteButton = forwardRef<HTMLButtonElement, MuteButtonProps>(function MuteButton(
  { callId, ...rest },
  ref,
) {
  return <ControlButton ref={ref} control={useMuteToggle(callId)} {...rest} />;
});
