import { sdpMediaSections } from '../media/sdp-direction.js';
import type { GetUserMedia } from '../media/peer-connection-like.js';
import type { Session } from '../session/session.js';
import { assertReady, callMedia, refused, reoffer, type CallMedia } from './call-media.js';
import { sectionContents } from './content-attribute.js';
import { cameraCapture, captureVideo } from './device-access.js';

/** Options of `addVideo`. */
export interface AddVideoOptions {
  /** The camera's constraints (e.g. `{ deviceId: { exact: id } }`); default `true`. */
  readonly constraints?: MediaTrackConstraints | boolean;
  /** Instead of `navigator.mediaDevices.getUserMedia` (tests, other runtimes). */
  readonly getUserMedia?: GetUserMedia;
  /** Offer in an UPDATE (RFC 3311) rather than a re-INVITE. */
  readonly useUpdate?: boolean;
}

/**
 * Turns our camera on in a running call: getUserMedia for video, the track on a free video
 * sender (one video was once removed from, or that the far end's video offer made) or a new m=
 * section, then a re-INVITE (an UPDATE with `useUpdate`) offering it `sendrecv`. Resolves with the
 * camera track once the far end accepted. A 491 is retried by the call's offer procedure (RFC
 * 3261 §14.1). Rejects with `MediaChangeError` (permission, no camera, not ready, refused), and
 * then the call goes on exactly as before (the camera is released).
 *
 * A function, not a method: an app that never adds video carries none of this.
 *
 * @example
 * ```ts
 * const camera = await addVideo(session);
 * preview.srcObject = new MediaStream([camera]);
 * ```
 */
export async function addVideo(
  session: Session,
  options: AddVideoOptions = {},
): Promise<MediaStreamTrack> {
  assertReady(session);
  const call = callMedia(session);
  const senders = call.senders();
  const current = senders.track('camera') ?? senders.displacedCamera;
  if (current !== undefined) return current;
  const track = await captureVideo(
    'camera',
    cameraCapture(options.getUserMedia, options.constraints),
  );
  try {
    assertReady(session);
  } catch (error) {
    track.stop();
    throw error;
  }
  const needsOffer = await sendCamera(call, track);
  if (needsOffer && !(await reoffer(session, options.useUpdate))) {
    await senders.stop('camera');
    releaseCamera(call, track);
    throw refused('camera');
  }
  return track;
}

/** Options of `removeVideo`. */
export interface RemoveVideoOptions {
  /** Offer in an UPDATE (RFC 3311) rather than a re-INVITE. */
  readonly useUpdate?: boolean;
}

/**
 * Turns our camera off: the camera is released at once (whatever the far end says), and a
 * re-INVITE (UPDATE with `useUpdate`) offers the video section `recvonly` (`inactive` when the far
 * end sends none either, RFC 3264 §8.3: the m= line stays, so video can come back on it). Audio
 * goes on. Resolves true once the far end has the offer; false when there was no camera, or the
 * offer could not go now or was refused (the next offer of the call carries the direction).
 *
 * @example await removeVideo(session);
 */
export async function removeVideo(
  session: Session,
  options: RemoveVideoOptions = {},
): Promise<boolean> {
  const call = callMedia(session);
  if (session.isEnded()) return false;
  const senders = call.senders();
  const track = senders.track('camera') ?? senders.displacedCamera;
  if (track === undefined) return false;
  const needsOffer = await senders.stop('camera');
  releaseCamera(call, track);
  if (!needsOffer || !session.isReadyToReOffer()) return false;
  return reoffer(session, options.useUpdate);
}

/** What the app is asked when the far end offers video mid-call (`answerVideoOffers`). */
export interface VideoOffer {
  readonly session: Session;
  /** The far end also offers a shared screen (RFC 4796 `a=content:slides`). */
  readonly screen: boolean;
}

/** Options of `answerVideoOffers`. */
export interface AnswerVideoOffersOptions {
  readonly constraints?: MediaTrackConstraints | boolean;
  readonly getUserMedia?: GetUserMedia;
  /** The camera could not be opened: the offer is answered receive-only, the call goes on. */
  readonly onError?: (error: Error) => void;
}

/**
 * Lets our camera into the answer when the far end's re-offer asks for video and `allow` says
 * yes (`onVideoOffer`). Without it, a video re-offer is answered receive-only: we see the far
 * end, nobody is asked for a camera. Returns the undo.
 *
 * @example
 * ```ts
 * answerVideoOffers(session, () => window.confirm('Turn your camera on too?'));
 * ```
 */
export function answerVideoOffers(
  session: Session,
  allow: (offer: VideoOffer) => boolean | Promise<boolean>,
  options: AnswerVideoOffersOptions = {},
): () => void {
  const call = callMedia(session);
  const hook = async (sdp: string): Promise<void> => {
    const sections = sdpMediaSections(sdp);
    const contents = sectionContents(sdp);
    const wanted = sections.findIndex(
      (section, index) =>
        section.media === 'video' &&
        (section.direction === 'sendrecv' || section.direction === 'recvonly') &&
        contents[index] !== 'slides',
    );
    const senders = call.senders();
    if (
      wanted < 0 ||
      senders.track('camera') !== undefined ||
      senders.displacedCamera !== undefined
    )
      return;
    const screen = contents.includes('slides');
    if (!(await allow({ session, screen }))) return;
    try {
      const track = await captureVideo(
        'camera',
        cameraCapture(options.getUserMedia, options.constraints),
      );
      const mid = sections[wanted]?.mid;
      await sendCamera(call, track, mid);
    } catch (error) {
      options.onError?.(error as Error);
    }
  };
  session.answerHook = hook;
  return () => {
    session.answerHook = undefined;
  };
}

async function sendCamera(
  call: CallMedia,
  track: MediaStreamTrack,
  mid?: string,
): Promise<boolean> {
  const media = call.session.media;
  if (call.session.isMuted().video) track.enabled = false;
  const stream = media?.localStream;
  // The local stream shows the camera in a preview; DOM stand-ins may lack the tracks API.
  if (typeof stream?.addTrack === 'function') stream.addTrack(track);
  const needsOffer = await call
    .senders()
    .start('camera', track, { stream, ...(mid === undefined ? {} : { preferMid: mid }) });
  call.onEnd(() => track.stop());
  call.changed();
  return needsOffer;
}

function releaseCamera(call: CallMedia, track: MediaStreamTrack): void {
  const stream = call.session.media?.localStream;
  if (typeof stream?.removeTrack === 'function') stream.removeTrack(track);
  track.stop();
  call.changed();
}
