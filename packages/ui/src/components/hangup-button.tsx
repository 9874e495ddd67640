import { useCall } from '@sipkit/react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { isLive } from '../internal/call-label.js';
import { useControlCallId } from '../controls/control-context.js';
import { classNames } from '../internal/class-names.js';
import { useMessages } from '../messages/messages-provider.js';

/** Props of `<HangupButton>`. */
export interface HangupButtonProps extends ComponentPropsWithoutRef<'button'> {
  /** The call to end; default the current one. */
  readonly callId?: string;
}

/**
 * Ends a call whatever its state (CANCEL while it rings, BYE once answered). Disabled when there
 * is no live call. `data-sipkit-state` is the call's status, or `idle`. Its name is "Hang up".
 *
 * @example <HangupButton />
 */
export const HangupButton = forwardRef<HTMLButtonElement, HangupButtonProps>(function HangupButton(
  { callId, className, children, disabled, onClick, ...rest },
  ref,
) {
  const { state, hangup } = useCall(useControlCallId(callId));
  const { controls } = useMessages();
  const off = disabled === true || !isLive(state);
  return (
    <button
      ref={ref}
      type="button"
      className={classNames('sk-button', className)}
      data-sipkit-variant="hangup"
      data-sipkit-state={state?.status ?? 'idle'}
      disabled={off}
      onClick={(event) => {
        onClick?.(event);
        if (!event.defaultPrevented) hangup();
      }}
      {...rest}
    >
      {children ?? controls.hangup}
    </button>
  );
});
