import type { GetUserMedia } from '../media/peer-connection-like.js';
import { deviceError, MediaChangeError } from './media-change-error.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** `navigator.mediaDevices.getDisplayMedia`, or a stand-in. */
export type GetDisplayMedia = (options?: DisplayMediaStreamOptions) => Promise<MediaStream>;

interface MediaDevicesLike {
  getUserMedia?: GetUserMedia;
  getDisplayMedia?: GetDisplayMedia;
}

function mediaDevices(): MediaDevicesLike | undefined {
  const navigator = (globalThis as { navigator?: { mediaDevices?: MediaDevicesLike } }).navigator;
  return navigator?.mediaDevices;
}

/**
 * One video track from `capture` (getUserMedia or getDisplayMedia, looked up at call time,
 * never at import), or a `MediaChangeError` saying what to change. Extra tracks are stopped.
 */
export async function captureVideo(
  source: 'camera' | 'screen',
  capture: (() => Promise<MediaStream>) | undefined,
): Promise<MediaStreamTrack> {
  if (capture === undefined) {
    const api = source === 'camera' ? 'getUserMedia' : 'getDisplayMedia';
    throw new MediaChangeError(
      'not-supported',
      api,
      DEV
        ? `${api} is not available here (it needs a secure context, https or localhost${source === 'screen' ? ', and a desktop browser' : ''}); pass "${api}" in the options`
        : `media-change.no-capture ${api}`,
    );
  }
  let stream: MediaStream;
  try {
    stream = await capture();
  } catch (error) {
    throw deviceError(error, source);
  }
  const [track] = stream.getVideoTracks();
  for (const other of stream.getTracks()) if (other !== track) other.stop();
  if (track === undefined) throw deviceError(namedError('NotFoundError'), source);
  return track;
}

/** The camera: `getUserMedia` given, else the browser's. */
export function cameraCapture(
  getUserMedia: GetUserMedia | undefined,
  constraints: MediaTrackConstraints | boolean | undefined,
): (() => Promise<MediaStream>) | undefined {
  const devices = getUserMedia === undefined ? mediaDevices() : undefined;
  const get = getUserMedia ?? devices?.getUserMedia?.bind(devices);
  return get === undefined ? undefined : () => get({ audio: false, video: constraints ?? true });
}

/** The screen: `getDisplayMedia` given, else the browser's. */
export function screenCapture(
  getDisplayMedia: GetDisplayMedia | undefined,
  options: DisplayMediaStreamOptions | undefined,
): (() => Promise<MediaStream>) | undefined {
  const devices = getDisplayMedia === undefined ? mediaDevices() : undefined;
  const get = getDisplayMedia ?? devices?.getDisplayMedia?.bind(devices);
  return get === undefined ? undefined : () => get(options ?? { video: true, audio: false });
}

function namedError(name: string): Error {
  const error = new Error(name);
  error.name = name;
  return error;
}
