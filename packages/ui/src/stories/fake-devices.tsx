import type { MediaDevice } from '@sipkit/react';
import { useEffect, useState, type ReactNode } from 'react';

/**
 * Renders `children` once `navigator.mediaDevices` has been replaced by one with `devices` (or
 * removed, for `unsupported`), and puts the real one back on unmount: device stories look the
 * same on every machine, in the browser and in tests.
 *
 * @example <FakeDevices devices={[device('audioinput', 'mic-1', 'Desk microphone')]}><Phone /></FakeDevices>
 */
export function FakeDevices({
  devices,
  refuse = false,
  children,
}: {
  readonly devices: readonly MediaDevice[] | 'unsupported';
  /** getUserMedia rejects (`NotAllowedError`), as after the person blocked the microphone. */
  readonly refuse?: boolean;
  readonly children: ReactNode;
}): ReactNode {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const restore = install(
      devices === 'unsupported' ? undefined : fakeMediaDevices(devices, refuse),
    );
    // On purpose: the children must not read navigator.mediaDevices before it is replaced.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setReady(true);
    return () => {
      restore();
      setReady(false);
    };
  }, [devices, refuse]);
  return ready ? children : null;
}

/**
 * A device entry for `FakeDevices`.
 *
 * @example device('audiooutput', 'spk-1', 'Headphones')
 */
export function device(kind: MediaDeviceKind, deviceId: string, label = ''): MediaDevice {
  return { kind, deviceId, label, groupId: `group-${deviceId}` };
}

function fakeMediaDevices(devices: readonly MediaDevice[], refuse: boolean): MediaDevices {
  const target = new EventTarget();
  const fake = {
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    dispatchEvent: target.dispatchEvent.bind(target),
    enumerateDevices: () =>
      Promise.resolve(devices.map((entry) => ({ ...entry, toJSON: () => entry }))),
    // Permission is granted, with a stream that has no tracks: nothing is recorded.
    getUserMedia: () =>
      refuse
        ? Promise.reject(Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' }))
        : Promise.resolve(new MediaStream()),
  };
  return fake as unknown as MediaDevices;
}

function install(devices: MediaDevices | undefined): () => void {
  const own = Object.getOwnPropertyDescriptor(navigator, 'mediaDevices');
  Object.defineProperty(navigator, 'mediaDevices', { value: devices, configurable: true });
  return () => {
    if (own === undefined) Reflect.deleteProperty(navigator, 'mediaDevices');
    else Object.defineProperty(navigator, 'mediaDevices', own);
  };
}
