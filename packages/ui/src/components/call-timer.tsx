import { formatDuration, useCallDuration, useSipStore } from '@sipkit/react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { classNames } from '../internal/class-names.js';

/** Props of `<CallTimer>`. */
export interface CallTimerProps extends Omit<ComponentPropsWithoutRef<'time'>, 'children'> {
  /** The call; default the current one. */
  readonly callId?: string;
  /** Default `m:ss` (`h:mm:ss` past an hour). */
  readonly format?: (seconds: number) => string;
}

/**
 * How long a call has lasted, ticking once a second while it is answered and frozen once it
 * ends: the only part of a softphone that re-renders every second. Not a live region (a screen
 * reader reading every tick would be unbearable). `data-sipkit-state` is the call's status or `idle`.
 *
 * @example <CallTimer format={(s) => `${s} s`} />
 */
export const CallTimer = forwardRef<HTMLTimeElement, CallTimerProps>(function CallTimer(
  { callId, format = formatDuration, className, ...rest },
  ref,
) {
  const seconds = useCallDuration(callId);
  const status = useSipStore((s) => s.calls[callId ?? s.currentCallId ?? '']?.status);
  return (
    <time
      ref={ref}
      className={classNames('sk-timer', className)}
      data-sipkit-state={status ?? 'idle'}
      dateTime={`PT${seconds}S`}
      {...rest}
    >
      {format(seconds)}
    </time>
  );
});
