import type { Session } from '../session/session.js';
import { TypedEmitter } from '../transport/typed-emitter.js';
import { MediaChangeError } from './media-change-error.js';
import { peerConnectionSlots } from './peer-connection-slots.js';
import { VideoSenders, type VideoRole } from './video-senders.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** What we send as video now. */
export interface LocalVideoState {
  /** Our camera is sent (false while a screen share displaced it). */
  readonly camera: boolean;
  /** Our screen is sent. */
  readonly screen: boolean;
}

/** Events of one call's media changes. */
export interface CallMediaEvents {
  /** What we send as video changed. */
  local: LocalVideoState;
}

/**
 * The media-change state of one call, shared by `addVideo`, `shareScreen` and their inverses:
 * its video senders, the tracks we acquired (ours to stop, also when the call ends) and the
 * `local` event. Made on first use and kept as long as the session object.
 */
export interface CallMedia {
  readonly session: Session;
  readonly events: TypedEmitter<CallMediaEvents>;
  /** The senders (undefined until media exists). */
  senders(): VideoSenders;
  local(): LocalVideoState;
  /** Reports `local` (after a change). */
  changed(): void;
  /** Adds a cleanup run when the call ends. */
  onEnd(cleanup: () => void): void;
}

const calls = new WeakMap<Session, CallMedia>();

/**
 * The media-change state of `session` (made on first use).
 *
 * @example callMedia(session).events.on('local', ({ camera }) => render(camera));
 */
export function callMedia(session: Session): CallMedia {
  let state = calls.get(session);
  if (state !== undefined) return state;
  const events = new TypedEmitter<CallMediaEvents>();
  const cleanups: (() => void)[] = [];
  let senders: VideoSenders | undefined;
  const local = (): LocalVideoState => ({
    camera: senders?.track('camera') !== undefined,
    screen: senders?.track('screen') !== undefined,
  });
  const end = (): void => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
  session.on('ended', end);
  session.on('failed', end);
  state = {
    session,
    events,
    senders: () => {
      if (senders !== undefined) return senders;
      const media = session.media;
      const slots =
        media?.videoSlots ??
        (media?.connection === undefined ? undefined : peerConnectionSlots(media.connection));
      if (slots === undefined) {
        throw new MediaChangeError(
          'not-supported',
          'session',
          DEV
            ? 'this call has no video senders (no media yet, or a media handler without videoSlots or connection)'
            : 'media-change.no-video-senders',
        );
      }
      senders = new VideoSenders(slots);
      return senders;
    },
    local,
    changed: () => events.emit('local', local()),
    onEnd: (cleanup) => {
      if (session.isEnded()) cleanup();
      else cleanups.push(cleanup);
    },
  };
  calls.set(session, state);
  return state;
}

/** Throws `not-ready` unless `session` can take an offer now (RFC 3261 §14.1: one at a time). */
export function assertReady(session: Session): void {
  if (session.isReadyToReOffer()) return;
  throw new MediaChangeError(
    'not-ready',
    'session',
    DEV
      ? session.status === 'confirmed'
        ? 'another offer is in progress: try again once session.isReadyToReOffer() is true'
        : `the call is ${session.status}: media can change once it is confirmed`
      : `media-change.not-ready ${session.status}`,
  );
}

/** Offers the change; false when refused. */
export function reoffer(session: Session, useUpdate: boolean | undefined): Promise<boolean> {
  return session.renegotiate({ useUpdate: useUpdate === true });
}

/** The `refused` error after a failed re-offer (the change was undone). */
export function refused(role: VideoRole): MediaChangeError {
  return new MediaChangeError(
    'refused',
    'session',
    DEV
      ? `the far end did not accept the ${role === 'camera' ? 'video' : 'screen share'} offer: the call goes on as before`
      : `media-change.refused ${role}`,
  );
}
