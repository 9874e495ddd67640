import type { CallOptions } from '@sipkit/core';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { classNames } from '../internal/class-names.js';
import { usePlaceCall } from '../internal/use-place-call.js';
import { useMessages } from '../messages/messages-provider.js';

/** Props of `<CallButton>`. */
export interface CallButtonProps extends Omit<ComponentPropsWithoutRef<'button'>, 'onError'> {
  /** Who to call: a number, user or SIP URI (cleaned up as a pasted one would be). */
  readonly target: string;
  readonly options?: CallOptions;
  /** Called with the new call's id. */
  readonly onCall?: (id: string) => void;
  /** Called when the UA refused to place the call (not running, not a SIP address). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Places a call to `target`. Disabled while there is nothing to call or no connection to the
 * server. `data-sipkit-state` is `ready` or `disabled`. Its name is "Call" (`messages.dial.call`) unless given children.
 *
 * @example <CallButton target={target} onCall={(id) => console.log('calling', id)} />
 */
export const CallButton = forwardRef<HTMLButtonElement, CallButtonProps>(function CallButton(
  { target, options, onCall, onError, className, children, disabled, onClick, ...rest },
  ref,
) {
  const { ready, place } = usePlaceCall(target, options);
  const { dial } = useMessages();
  const off = disabled === true || !ready;
  return (
    <button
      ref={ref}
      type="button"
      className={classNames('sk-button', className)}
      data-sipkit-variant="call"
      data-sipkit-state={off ? 'disabled' : 'ready'}
      disabled={off}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented) return;
        try {
          // Placed first: `onCall?.(call())` would skip the call when no onCall is given.
          const id = place();
          onCall?.(id);
        } catch (error) {
          onError?.(error);
        }
      }}
      {...rest}
    >
      {children ?? dial.call}
    </button>
  );
});
