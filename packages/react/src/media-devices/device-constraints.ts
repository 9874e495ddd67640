import type { DevicesState } from '../store/sip-state.js';

/**
 * Applies the chosen microphone and camera to getUserMedia constraints: a kind that is requested
 * (`true` or an object without its own `deviceId`) gets `deviceId: { exact }` of the chosen
 * device; anything the caller spelled out stays as it is.
 *
 * @example
 * withChosenDevices({ audio: true }, { microphone: 'mic-2', camera: undefined })
 * // { audio: { deviceId: { exact: 'mic-2' } } }
 */
export function withChosenDevices(
  constraints: MediaStreamConstraints,
  devices: Pick<DevicesState, 'microphone' | 'camera'>,
): MediaStreamConstraints {
  return {
    ...constraints,
    ...choose('audio', constraints.audio, devices.microphone),
    ...choose('video', constraints.video, devices.camera),
  };
}

function choose(
  kind: 'audio' | 'video',
  requested: boolean | MediaTrackConstraints | undefined,
  deviceId: string | undefined,
): Partial<MediaStreamConstraints> {
  if (deviceId === undefined || requested === undefined || requested === false) return {};
  if (requested === true) return { [kind]: { deviceId: { exact: deviceId } } };
  if (requested.deviceId !== undefined) return {};
  return { [kind]: { ...requested, deviceId: { exact: deviceId } } };
}
