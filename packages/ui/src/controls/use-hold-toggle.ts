import { useCall } from '@sipkit/react';
import { useState } from 'react';
import { useMessages } from '../messages/messages-provider.js';
import { useControlCallId } from './control-context.js';
import { controlToggle, type ControlToggle } from './toggle-result.js';

/** `useHoldToggle`'s result: a toggle, and whether a hold or resume is being negotiated. */
export interface HoldToggle extends ControlToggle {
  readonly pending: boolean;
}

/**
 * Hold and resume (a re-INVITE with a=sendonly, RFC 3264 §8.4): pressed while we hold the
 * call; usable in a confirmed call and not while a re-INVITE is in flight (`pending`).
 *
 * @example
 * const hold = useHoldToggle();
 * <button {...hold.buttonProps}>{hold.pending ? '…' : hold.label}</button>
 */
export function useHoldToggle(callId?: string): HoldToggle {
  const call = useCall(useControlCallId(callId));
  const { controls } = useMessages();
  const [pending, setPending] = useState(false);
  const held = call.state?.hold.local ?? false;
  const toggle = (): void => {
    setPending(true);
    void (held ? call.unhold() : call.hold()).finally(() => setPending(false));
  };
  const result = controlToggle(
    'hold',
    held,
    call.state?.status !== 'confirmed' || pending,
    held ? controls.resume : controls.hold,
    toggle,
    pending ? { 'data-sipkit-pending': '' } : {},
  );
  return { ...result, pending };
}
