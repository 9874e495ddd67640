import { listMediaDevices, mediaDevices } from './watch-media-devices.js';

/**
 * Whether a call can use a microphone, found out without asking for one:
 * - `granted`: the page may use it; `prompt`: the browser will ask on the first call;
 * - `denied`: the person or a policy blocked it (site settings must change);
 * - `missing`: no microphone is connected;
 * - `unsupported`: no media devices here (plain HTTP, an old browser, the server);
 * - `unknown`: not checked yet.
 *
 * @example if (status === 'denied') showHowToAllow();
 */
export type MicrophoneStatus =
  'unknown' | 'granted' | 'prompt' | 'denied' | 'missing' | 'unsupported';

type PermissionsLike = { query(descriptor: { name: string }): Promise<PermissionStatus> };

function permissions(): PermissionsLike | undefined {
  return (globalThis as { navigator?: { permissions?: PermissionsLike } }).navigator?.permissions;
}

/**
 * Reads the microphone permission (Permissions API; Firefox before 131 cannot query
 * `microphone` and reads as `prompt`) and whether any microphone is connected
 * (`enumerateDevices` lists an `audioinput` entry, unlabelled, even before permission).
 * `onChange` also follows later changes of the permission; the returned function stops that.
 *
 * @example const stop = watchMicrophoneStatus(setStatus);
 */
export function watchMicrophoneStatus(onChange: (status: MicrophoneStatus) => void): () => void {
  if (mediaDevices() === undefined) {
    onChange('unsupported');
    return () => undefined;
  }
  let active = true;
  let permission: PermissionStatus | undefined;
  const read = (): void => {
    void readMicrophoneStatus(permission).then((status) => {
      if (active) onChange(status);
    });
  };
  void permissions()
    ?.query({ name: 'microphone' })
    .then(
      (status) => {
        if (!active) return;
        permission = status;
        status.addEventListener('change', read);
        read();
      },
      () => undefined,
    );
  mediaDevices()?.addEventListener('devicechange', read);
  read();
  return () => {
    active = false;
    permission?.removeEventListener('change', read);
    mediaDevices()?.removeEventListener('devicechange', read);
  };
}

/**
 * The microphone status now (see `MicrophoneStatus`).
 *
 * @example if ((await readMicrophoneStatus()) === 'missing') alert('Connect a microphone');
 */
export async function readMicrophoneStatus(
  permission?: PermissionStatus,
): Promise<MicrophoneStatus> {
  if (mediaDevices() === undefined) return 'unsupported';
  let state: PermissionState | undefined = permission?.state;
  if (state === undefined) {
    try {
      state = (await permissions()?.query({ name: 'microphone' }))?.state;
    } catch {
      // TypeError: this browser cannot query the microphone permission.
    }
  }
  if (state === 'denied') return 'denied';
  let list;
  try {
    list = await listMediaDevices();
  } catch {
    return state ?? 'prompt';
  }
  if (!list.some((device) => device.kind === 'audioinput')) return 'missing';
  return state ?? 'prompt';
}
