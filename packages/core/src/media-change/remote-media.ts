import { sdpMediaSections } from '../media/sdp-direction.js';
import type { VideoSlots } from '../media/video-slots.js';
import type { Session } from '../session/session.js';
import { TypedEmitter } from '../transport/typed-emitter.js';
import { sectionContents } from './content-attribute.js';
import { peerConnectionSlots } from './peer-connection-slots.js';

/** One video stream the far end sends. */
export interface RemoteVideo {
  /** Its m= section's `a=mid`. */
  readonly mid: string | undefined;
  /** The track it arrives on, when the media handler can tell (not with the fake in Node). */
  readonly track: MediaStreamTrack | undefined;
}

/** What video the far end sends, as its last offer or answer says. */
export interface RemoteMedia {
  /** Its camera (a video section without `a=content:slides`). */
  readonly camera: RemoteVideo | undefined;
  /** Its shared screen (`a=content:slides`, RFC 4796). */
  readonly screen: RemoteVideo | undefined;
}

/** Events of `watchRemoteMedia`. */
export interface RemoteMediaEvents {
  /** The far end started or stopped sending its camera or screen. */
  change: RemoteMedia;
}

/** What `watchRemoteMedia` returns. */
export interface RemoteMediaWatch {
  /** The far end's video now. */
  readonly current: RemoteMedia;
  on<K extends keyof RemoteMediaEvents>(
    event: K,
    listener: (payload: RemoteMediaEvents[K]) => void,
  ): () => void;
}

const NONE: RemoteMedia = Object.freeze({ camera: undefined, screen: undefined });
const watches = new WeakMap<Session, RemoteMediaWatch>();

/**
 * Follows the far end's video in a call: its camera and its shared screen appearing and going
 * (`change`), read from each offer or answer it sends once applied (a section it sends on,
 * `sendrecv`/`sendonly`, RFC 3264 §6.1; `a=content:slides` is the screen). One watch per session,
 * shared by every caller; start it before the call is confirmed to see the first answer.
 *
 * @example
 * ```ts
 * watchRemoteMedia(session).on('change', ({ screen }) => {
 *   screenView.srcObject = screen?.track ? new MediaStream([screen.track]) : null;
 * });
 * ```
 */
export function watchRemoteMedia(session: Session): RemoteMediaWatch {
  const existing = watches.get(session);
  if (existing !== undefined) return existing;
  const events = new TypedEmitter<RemoteMediaEvents>();
  let sdp: string | undefined;
  let current = NONE;
  const settle = (): void => {
    const next = session.isEnded() || sdp === undefined ? NONE : read(session, sdp);
    if (same(current, next)) return;
    current = next;
    events.emit('change', next);
  };
  session.on('sdp', (event) => {
    if (event.originator !== 'remote') return;
    sdp = event.sdp;
    // An answer's sections are our own transceivers, known already: settle now (after the
    // other listeners of this event, which may rewrite it). An offer is settled once answered.
    if (event.type === 'answer') queueMicrotask(() => settle());
  });
  for (const name of [
    'confirmed',
    'reinvite',
    'update',
    'hold',
    'unhold',
    'ended',
    'failed',
  ] as const)
    session.on(name, settle);
  const watch: RemoteMediaWatch = {
    get current() {
      return current;
    },
    on: (event, listener) => events.on(event, listener),
  };
  watches.set(session, watch);
  return watch;
}

function read(session: Session, sdp: string): RemoteMedia {
  const contents = sectionContents(sdp);
  let camera: RemoteVideo | undefined;
  let screen: RemoteVideo | undefined;
  const media = session.media;
  let slots: VideoSlots | undefined;
  try {
    slots =
      media?.videoSlots ??
      (media?.connection === undefined ? undefined : peerConnectionSlots(media.connection));
  } catch {
    slots = undefined;
  }
  sdpMediaSections(sdp).forEach((section, index) => {
    if (section.media !== 'video') return;
    if (section.direction !== 'sendrecv' && section.direction !== 'sendonly') return;
    const track = slots?.list().find((slot) => slot.mid === section.mid)?.remoteTrack;
    const video = { mid: section.mid, track };
    if (contents[index] === 'slides') screen ??= video;
    else camera ??= video;
  });
  return camera === undefined && screen === undefined ? NONE : { camera, screen };
}

function same(a: RemoteMedia, b: RemoteMedia): boolean {
  return sameVideo(a.camera, b.camera) && sameVideo(a.screen, b.screen);
}

function sameVideo(a: RemoteVideo | undefined, b: RemoteVideo | undefined): boolean {
  return a?.mid === b?.mid && a?.track === b?.track;
}
