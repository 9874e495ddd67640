import type { CallState } from '@sipkit/react';
import { controlToggle, type ControlToggle } from './toggle-result.js';

/** A media change's progress as its `@sipkit/react` hook reports it. */
export interface MediaChangeProgress {
  readonly pending: boolean;
  readonly error: Error | undefined;
}

/**
 * The toggle of a control that renegotiates (our camera, our screen): usable in a confirmed call
 * only, and not while a change is in flight (RFC 3261 §14.1: no re-INVITE while another INVITE
 * transaction is in progress), marked `data-sipkit-pending` meanwhile. Internal to the controls.
 *
 * @example
 * mediaChangeToggle('add-video', on, state, video, label, () => void video.startVideo());
 */
export function mediaChangeToggle(
  action: string,
  pressed: boolean,
  call: CallState | undefined,
  progress: MediaChangeProgress,
  label: string,
  toggle: () => void,
): ControlToggle & MediaChangeProgress {
  const { pending, error } = progress;
  const result = controlToggle(
    action,
    pressed,
    call?.status !== 'confirmed' || pending,
    label,
    toggle,
    pending ? { 'data-sipkit-pending': '' } : {},
  );
  return { ...result, pending, error };
}
