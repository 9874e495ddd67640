import type { MediaDevice } from '../store/sip-state.js';

/**
 * The page's `navigator.mediaDevices`, or undefined where there is none (server rendering, tests,
 * insecure origins: browsers only expose it on HTTPS and localhost).
 *
 * @example if (mediaDevices() === undefined) showNoMediaHint();
 */
export function mediaDevices(): MediaDevices | undefined {
  const navigator = (globalThis as { navigator?: { mediaDevices?: MediaDevices } }).navigator;
  return navigator?.mediaDevices;
}

/**
 * True where an audio element can be routed to a chosen speaker (`setSinkId`).
 *
 * @example if (canChooseSpeaker()) showSpeakerMenu();
 */
export function canChooseSpeaker(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/**
 * Lists the media devices as plain data. Resolves an empty list where media devices are missing.
 *
 * @example const microphones = (await listMediaDevices()).filter((d) => d.kind === 'audioinput');
 */
export async function listMediaDevices(): Promise<MediaDevice[]> {
  const devices = mediaDevices();
  if (devices === undefined) return [];
  const list = await devices.enumerateDevices();
  return list.map(({ deviceId, groupId, kind, label }) => ({ deviceId, groupId, kind, label }));
}

/**
 * Calls `onChange` with the device list now and whenever a device comes or goes. Returns the
 * function that stops watching; does nothing (and reports nothing) without media devices.
 *
 * @example const stop = watchMediaDevices((list) => console.log(list.length, 'devices'));
 */
export function watchMediaDevices(
  onChange: (list: MediaDevice[]) => void,
  onError: (error: unknown) => void = () => undefined,
): () => void {
  const devices = mediaDevices();
  if (devices === undefined) return () => undefined;
  let active = true;
  const read = (): void => {
    listMediaDevices().then((list) => {
      if (active) onChange(list);
    }, onError);
  };
  devices.addEventListener('devicechange', read);
  read();
  return () => {
    active = false;
    devices.removeEventListener('devicechange', read);
  };
}
