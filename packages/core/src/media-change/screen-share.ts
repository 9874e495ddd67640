import type { Session } from '../session/session.js';
import { assertReady, callMedia, refused, reoffer } from './call-media.js';
import { withContent } from './content-attribute.js';
import { captureVideo, screenCapture, type GetDisplayMedia } from './device-access.js';

/** Options of `shareScreen`. */
export interface ShareScreenOptions {
  /**
   * `'camera'`: the screen takes the camera's place on its sender (`replaceTrack`: the picture
   * switches at once, no new m= line) and the camera comes back when the share stops. `false`
   * (the default, and when no camera is sent): the screen is an extra video stream.
   */
  readonly replace?: 'camera' | false;
  /** Instead of `navigator.mediaDevices.getDisplayMedia` (tests, other runtimes). */
  readonly getDisplayMedia?: GetDisplayMedia;
  /** getDisplayMedia's options; default `{ video: true, audio: false }`. */
  readonly displayMedia?: DisplayMediaStreamOptions;
  /** Offer in an UPDATE (RFC 3311) rather than a re-INVITE. */
  readonly useUpdate?: boolean;
}

/** Sessions whose local SDP gets the screen's `a=content:slides`. */
const labelled = new WeakSet<Session>();

/**
 * Shares the screen in a running call: getDisplayMedia, then the screen as an extra video stream
 * (a re-INVITE or UPDATE offers it) or in the camera's place (`replace: 'camera'`). The screen's
 * m= section carries `a=content:slides` (RFC 4796), so the far end can tell it from a camera;
 * with `replace: 'camera'` a re-offer still goes to say so, and the picture does not wait for it.
 * The browser's own "Stop sharing" (the track ends) stops the share as `stopScreenShare` does.
 * Rejects with `MediaChangeError` (picker cancelled or refused, no API, not ready, refused);
 * then the call goes on as before.
 *
 * A function in its own module: an app that never shares its screen carries none of this.
 *
 * @example
 * ```ts
 * const screen = await shareScreen(session, { replace: 'camera' });
 * ```
 */
export async function shareScreen(
  session: Session,
  options: ShareScreenOptions = {},
): Promise<MediaStreamTrack> {
  assertReady(session);
  const call = callMedia(session);
  const senders = call.senders();
  const current = senders.track('screen');
  if (current !== undefined) return current;
  const track = await captureVideo(
    'screen',
    screenCapture(options.getDisplayMedia, options.displayMedia),
  );
  try {
    assertReady(session);
  } catch (error) {
    track.stop();
    throw error;
  }
  label(session);
  // Text and lines stay sharp rather than smooth (W3C mst-content-hint).
  if ('contentHint' in track) track.contentHint = 'detail';
  const replace = options.replace === 'camera' && senders.track('camera') !== undefined;
  const needsOffer = await senders.start('screen', track, replace ? { replace: 'camera' } : {});
  call.onEnd(() => track.stop());
  call.changed();
  // The browser's "Stop sharing" may come at any time, the offer below still out included.
  track.addEventListener('ended', () => void stopScreenShare(session, options), { once: true });
  // The picture switched already when it replaced the camera: the offer only labels it.
  const accepted = await reoffer(session, options.useUpdate);
  if (needsOffer && !accepted) {
    await senders.stop('screen');
    track.stop();
    call.changed();
    throw refused('screen');
  }
  return track;
}

/** Options of `stopScreenShare`. */
export interface StopScreenShareOptions {
  readonly useUpdate?: boolean;
}

/**
 * Stops sharing: the screen is released at once; a screen that replaced the camera gives the
 * camera its place back. A re-offer tells the far end (its section `recvonly`/`inactive`, or the
 * camera without `a=content:slides`). Resolves true once the far end has it; false when nothing
 * was shared or the offer could not go now (the next offer carries it).
 *
 * @example await stopScreenShare(session);
 */
export async function stopScreenShare(
  session: Session,
  options: StopScreenShareOptions = {},
): Promise<boolean> {
  if (session.isEnded()) return false;
  const call = callMedia(session);
  const senders = call.senders();
  const track = senders.track('screen');
  if (track === undefined) return false;
  await senders.stop('screen');
  track.stop();
  call.changed();
  if (!session.isReadyToReOffer()) return false;
  return reoffer(session, options.useUpdate);
}

function label(session: Session): void {
  if (labelled.has(session)) return;
  labelled.add(session);
  session.on('sdp', (event) => {
    if (event.originator !== 'local') return;
    const mid = callMedia(session).senders().mid('screen');
    if (mid !== undefined) event.sdp = withContent(event.sdp, mid, 'slides');
  });
}
