import type { MediaDevice } from '../store/sip-state.js';

/** A `navigator.mediaDevices` for the DOM tests: a device list the test edits, and media grants. */
export class FakeMediaDevices extends EventTarget {
  devices: MediaDevice[];
  granted = true;
  /** Tracks of granted streams stopped since the last grant. */
  stopped = 0;

  constructor(devices: MediaDevice[]) {
    super();
    this.devices = devices;
  }

  enumerateDevices(): Promise<MediaDevice[]> {
    return Promise.resolve(this.devices.map((device) => ({ ...device })));
  }

  getUserMedia(): Promise<MediaStream> {
    if (!this.granted)
      return Promise.reject(Object.assign(new Error('denied'), { name: 'NotAllowedError' }));
    // happy-dom's MediaStream has no tracks API: a stream with one stoppable track is enough.
    this.stopped = 0;
    const track = { stop: () => void (this.stopped += 1) };
    return Promise.resolve({ getTracks: () => [track] } as unknown as MediaStream);
  }

  /** Replaces the list as plugging or unplugging a device would, and says so. */
  change(devices: MediaDevice[]): void {
    this.devices = devices;
    this.dispatchEvent(new Event('devicechange'));
  }
}

/** A device entry for `FakeMediaDevices`. */
export function device(kind: MediaDeviceKind, deviceId: string, label = deviceId): MediaDevice {
  return { kind, deviceId, label, groupId: 'g' };
}

/** Installs `devices` as `navigator.mediaDevices`; returns the function that removes it again. */
export function installMediaDevices(devices: FakeMediaDevices | undefined): () => void {
  Object.defineProperty(navigator, 'mediaDevices', { value: devices, configurable: true });
  return () => {
    Reflect.deleteProperty(navigator, 'mediaDevices');
  };
}
