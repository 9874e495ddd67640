import { forwardRef } from 'react';
import { ControlButton, type ControlProps } from './control-button.js';
import { useHoldToggle } from './use-hold-toggle.js';

/** Props of `<HoldButton>`. */
export type HoldButtonProps = ControlProps;

/**
 * Hold/Resume (a re-INVITE), usable in a confirmed call; data-sipkit-pending while it is negotiated. Works alone or inside `<CallControls>`; `useHoldToggle` gives the same for your own
 * markup. `data-sipkit-state` is `on` or `off`, `data-sipkit-action` names the control.
 *
 * @example <HoldButton className="round" />
 */
export const HoldButton = forwardRef<HTMLButtonElement, HoldButtonProps>(function HoldButton(
  { callId, ...rest },
  ref,
) {
  return <ControlButton ref={ref} control={useHoldToggle(callId)} {...rest} />;
});
