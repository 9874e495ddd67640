import { useCall } from '@sipkit/react';
import { useMessages } from '../messages/messages-provider.js';
import { useControlCallId } from './control-context.js';
import { controlToggle, type ControlToggle } from './toggle-result.js';

/**
 * The microphone's mute of a call: pressed while muted; usable once the call is answered.
 * Inside `<CallControls>` it acts on that call; else on `callId`, default the current one.
 *
 * @example
 * const mute = useMuteToggle();
 * <button {...mute.buttonProps} className="my-mute">{mute.label}</button>
 */
export function useMuteToggle(callId?: string): ControlToggle {
  const call = useCall(useControlCallId(callId));
  const { controls } = useMessages();
  const { state } = call;
  const muted = state?.muted.audio ?? false;
  // Muting only stops our track: meaningful from the answer on (RFC 3264 needs no re-offer).
  const talking = state?.status === 'confirmed' || state?.status === 'answered';
  return controlToggle('mute', muted, !talking, muted ? controls.unmute : controls.mute, () =>
    muted ? call.unmute() : call.mute(),
  );
}
