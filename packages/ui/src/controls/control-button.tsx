import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { classNames } from '../internal/class-names.js';
import type { ControlToggle } from './toggle-result.js';

/** Props every single control takes: a `<button>`'s, and the call to act on. */
export interface ControlProps extends ComponentPropsWithoutRef<'button'> {
  /** The call; default the one of the `<CallControls>` around it, else the current one. */
  readonly callId?: string;
}

/**
 * A control's `<button>` from its hook: the hook's props first, then the user's (a user
 * `onClick` runs first and may `preventDefault()`), its name unless given children.
 */
export const ControlButton = forwardRef<
  HTMLButtonElement,
  Omit<ControlProps, 'callId'> & { readonly control: ControlToggle; readonly after?: ReactNode }
>(function ControlButton({ control, after, className, children, disabled, onClick, ...rest }, ref) {
  const { buttonProps } = control;
  return (
    <>
      <button
        ref={ref}
        {...buttonProps}
        className={classNames(buttonProps.className, className)}
        disabled={disabled === true || buttonProps.disabled}
        onClick={(event) => {
          onClick?.(event);
          if (!event.defaultPrevented) control.toggle();
        }}
        {...rest}
      >
        {children ?? control.label}
      </button>
      {after}
    </>
  );
});
