import type { ShareScreenOptions } from '@sipkit/core';
import { useCall, useScreenShare } from '@sipkit/react';
import { useMessages } from '../messages/messages-provider.js';
import { useControlCallId } from './control-context.js';
import { mediaChangeToggle } from './media-change-toggle.js';
import type { ControlToggle } from './toggle-result.js';

/** What `useScreenShareToggle` returns: a control, and why the last share failed. */
export interface ScreenShareToggle extends ControlToggle {
  readonly pending: boolean;
  /** The `MediaChangeError` of the last failed share (a cancelled picker included). */
  readonly error: Error | undefined;
}

/**
 * Sharing our screen in a running call, pressed while we share. `options` go to the core's
 * `shareScreen` (`{ replace: 'camera' }` puts the screen in the camera's place). Its own module:
 * an app without it carries no screen-share code.
 *
 * @example
 * const share = useScreenShareToggle(undefined, { replace: 'camera' });
 * <button {...share.buttonProps}>{share.label}</button>
 */
export function useScreenShareToggle(
  callId?: string,
  options?: ShareScreenOptions,
): ScreenShareToggle {
  const id = useControlCallId(callId);
  const { state } = useCall(id);
  const share = useScreenShare(id);
  const { controls } = useMessages();
  const on = share.screenShare === 'local';
  return mediaChangeToggle(
    'share-screen',
    on,
    state,
    share,
    on ? controls.stopSharing : controls.shareScreen,
    () => void (on ? share.stopScreenShare() : share.shareScreen(options)),
  );
}
