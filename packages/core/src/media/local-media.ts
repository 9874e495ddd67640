import { namedError } from './named-error.js';
import type { GetUserMedia } from './peer-connection-like.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** What a call asks getUserMedia for when the app says nothing: a voice call. */
export const DEFAULT_MEDIA_CONSTRAINTS: Readonly<MediaStreamConstraints> = Object.freeze({
  audio: true,
  video: false,
});

/** The local stream of a call, and whether the handler acquired it (and so must stop it). */
export interface LocalMedia {
  readonly stream: MediaStream;
  /** False for an app-given stream: the app may still be using it after the call. */
  readonly owned: boolean;
}

/** Where local media comes from. */
export interface LocalMediaSource {
  readonly mediaStream?: MediaStream | undefined;
  readonly mediaConstraints?: MediaStreamConstraints | undefined;
  readonly getUserMedia: GetUserMedia | undefined;
}

/**
 * The app's stream when it gave one, else a fresh one from getUserMedia. A getUserMedia rejection
 * is passed on as it is: its `name` (`NotAllowedError`, `NotFoundError`...) is what the session
 * maps to a cause such as "User Denied Media Access".
 *
 * @example
 * ```ts
 * const media = await acquireLocalMedia({
 *   getUserMedia: (constraints) => navigator.mediaDevices.getUserMedia(constraints),
 * });
 * ```
 */
export async function acquireLocalMedia(source: LocalMediaSource): Promise<LocalMedia> {
  if (source.mediaStream !== undefined) return { stream: source.mediaStream, owned: false };
  if (source.getUserMedia === undefined) {
    throw namedError(
      'NotSupportedError',
      DEV
        ? 'getUserMedia is not available in this runtime; pass a mediaStream'
        : 'media.no-get-user-media',
    );
  }
  const stream = await source.getUserMedia(source.mediaConstraints ?? DEFAULT_MEDIA_CONSTRAINTS);
  return { stream, owned: true };
}

/**
 * Stops every track of a stream (releasing the microphone and camera).
 *
 * @example
 * ```ts
 * stopTracks(media.stream);
 * ```
 */
export function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
