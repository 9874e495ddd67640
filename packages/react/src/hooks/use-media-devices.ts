import { useEffect, useMemo, useSyncExternalStore } from 'react';
import {
  canChooseSpeaker,
  listMediaDevices,
  mediaDevices,
  watchMediaDevices,
} from '../media-devices/watch-media-devices.js';
import type { MediaDevice } from '../store/sip-state.js';
import { useSipContext } from '../sip-context.js';
import { useSipStore } from './use-sip-store.js';
import { DEV } from '../dev-mode.js';

/**
 * What `useMediaDevices` returns.
 *
 * @example const { speakers, chooseSpeaker }: UseMediaDevicesResult = useMediaDevices();
 */
export interface UseMediaDevicesResult {
  /** False where the page has no `navigator.mediaDevices` (server, tests, plain HTTP). */
  readonly supported: boolean;
  /** False where audio cannot be routed to a chosen speaker (no `setSinkId`, e.g. older Safari). */
  readonly canChooseSpeaker: boolean;
  readonly microphones: readonly MediaDevice[];
  readonly cameras: readonly MediaDevice[];
  readonly speakers: readonly MediaDevice[];
  /** The chosen device ids; undefined means the system default. */
  readonly microphone: string | undefined;
  readonly camera: string | undefined;
  readonly speaker: string | undefined;
  /** For calls placed or answered from now on, and live calls too (switched without renegotiating). */
  chooseMicrophone(deviceId: string | undefined): void;
  chooseCamera(deviceId: string | undefined): void;
  /** Applies at once to every `<RemoteAudio>`, live calls included. */
  chooseSpeaker(deviceId: string | undefined): void;
  /** Lists the devices again. */
  refresh(): Promise<void>;
  /**
   * Asks for media access once (then stops the tracks) so the list gets its labels. Resolves
   * false when refused or unsupported.
   */
  requestPermission(constraints?: MediaStreamConstraints): Promise<boolean>;
}

/**
 * The microphones, cameras and speakers, kept current while mounted, and the user's choice of
 * each. Safe without `navigator.mediaDevices` (everything empty, `supported` false).
 *
 * Choosing a microphone or camera applies to calls placed or answered afterwards: switching the
 * track of a call in progress needs a core API that does not exist yet.
 *
 * @example
 * const { microphones, microphone, chooseMicrophone } = useMediaDevices();
 * <select value={microphone ?? ''} onChange={(e) => chooseMicrophone(e.target.value || undefined)}>
 *   {microphones.map((m) => <option key={m.deviceId} value={m.deviceId}>{m.label}</option>)}
 * </select>
 */
export function useMediaDevices(): UseMediaDevicesResult {
  const { actions, logger } = useSipContext();
  const devices = useSipStore((s) => s.devices);
  // False on the server and while hydrating, so the markup matches; the client's answer after.
  const supported = useSyncExternalStore(
    subscribeNever,
    () => mediaDevices() !== undefined,
    () => false,
  );
  useEffect(
    () =>
      watchMediaDevices(actions.setDevices, (error) =>
        logger.warn(
          DEV ? 'sipkit/react: cannot list media devices' : 'react.devices-not-listed',
          error,
        ),
      ),
    [actions, logger],
  );
  return useMemo(() => {
    const ofKind = (kind: MediaDeviceKind): MediaDevice[] =>
      devices.list.filter((device) => device.kind === kind);
    const refresh = async (): Promise<void> => actions.setDevices(await listMediaDevices());
    return {
      supported,
      canChooseSpeaker: supported && canChooseSpeaker(),
      microphones: ofKind('audioinput'),
      cameras: ofKind('videoinput'),
      speakers: ofKind('audiooutput'),
      microphone: devices.microphone,
      camera: devices.camera,
      speaker: devices.speaker,
      chooseMicrophone: (id) => actions.chooseDevice('microphone', id),
      chooseCamera: (id) => actions.chooseDevice('camera', id),
      chooseSpeaker: (id) => actions.chooseDevice('speaker', id),
      refresh,
      requestPermission: async (constraints = { audio: true }) => {
        const media = mediaDevices();
        if (media === undefined) return false;
        try {
          const stream = await media.getUserMedia(constraints);
          for (const track of stream.getTracks()) track.stop();
        } catch {
          return false;
        }
        await refresh();
        return true;
      },
    };
  }, [devices, supported, actions]);
}

// Whether media devices exist does not change while the page lives.
function subscribeNever(): () => void {
  return () => undefined;
}
