import { useCall } from '@sipkit/react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { callDataState, callLabel } from '../internal/call-label.js';
import { classNames } from '../internal/class-names.js';
import { partyAddress, partyName, partyTitle } from '../internal/party.js';
import { useMessages } from '../messages/messages-provider.js';
import { CallControls } from './call-controls.js';
import { CallTimer } from './call-timer.js';

/** Props of `<CallPanel>`. */
export interface CallPanelProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The call; default the current one. */
  readonly callId?: string;
  /**
   * Make the status line a live region (default true). A parent that keeps its own, always
   * present region for the call's state (as `<Softphone>` does) passes false, so nothing is
   * spoken twice.
   */
  readonly live?: boolean;
}

/**
 * One call at a glance: who, where it is (a `role="status"` live region: "Ringing…", "In call",
 * "On hold"), how long, and its controls. Renders nothing without a call. `data-sipkit-state` is
 * `callDataState` of the call.
 *
 * @example <CallPanel />
 */
export const CallPanel = forwardRef<HTMLDivElement, CallPanelProps>(function CallPanel(
  { callId, live = true, className, ...rest },
  ref,
) {
  const { state } = useCall(callId);
  const messages = useMessages();
  if (state === undefined) return null;
  const name = partyName(state.remoteIdentity);
  const address = partyAddress(state.remoteIdentity);
  const title = partyTitle(state.remoteIdentity);
  const ids = callId === undefined ? {} : { callId };
  return (
    <div
      ref={ref}
      className={classNames('sk-call', className)}
      data-sipkit-state={callDataState(state)}
      {...rest}
    >
      <p className="sk-call-name">
        {/* Shown on two lines at most (styles.css): the whole name stays in reach as a tooltip. */}
        <bdi title={title ?? name}>{name}</bdi>
      </p>
      {address !== name ? (
        <p className="sk-call-address">
          <bdi title={title}>{address}</bdi>
        </p>
      ) : null}
      <p className="sk-call-status" role={live ? 'status' : undefined}>
        {callLabel(state, messages.call)}
      </p>
      <CallTimer {...ids} />
      {state.status === 'terminated' ? null : <CallControls {...ids} />}
    </div>
  );
});
