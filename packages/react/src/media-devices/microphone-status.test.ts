import { afterEach, describe, expect, it } from 'vitest';
import { FakeMediaDevices, device, installMediaDevices } from '../testing/fake-media-devices.js';
import {
  readMicrophoneStatus,
  watchMicrophoneStatus,
  type MicrophoneStatus,
} from './microphone-status.js';

class FakePermission extends EventTarget {
  constructor(public state: PermissionState) {
    super();
  }
  change(state: PermissionState): void {
    this.state = state;
    this.dispatchEvent(new Event('change'));
  }
}

function installPermissions(permission: FakePermission | 'throws'): () => void {
  const permissions = {
    query: ({ name }: { name: string }) =>
      permission === 'throws' || name !== 'microphone'
        ? Promise.reject(new TypeError(`'${name}' is not a valid permission name`))
        : Promise.resolve(permission),
  };
  Object.defineProperty(navigator, 'permissions', { value: permissions, configurable: true });
  return () => void Reflect.deleteProperty(navigator, 'permissions');
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

describe('microphone status', () => {
  it('is unsupported without media devices', async () => {
    cleanups.push(installMediaDevices(undefined));
    expect(await readMicrophoneStatus()).toBe('unsupported');
  });

  it('reads the permission, and missing when no microphone is connected', async () => {
    const devices = new FakeMediaDevices([device('audioinput', '')]);
    cleanups.push(installMediaDevices(devices));
    const permission = new FakePermission('prompt');
    cleanups.push(installPermissions(permission));
    expect(await readMicrophoneStatus()).toBe('prompt');
    permission.state = 'granted';
    expect(await readMicrophoneStatus()).toBe('granted');
    permission.state = 'denied';
    expect(await readMicrophoneStatus()).toBe('denied');
    permission.state = 'granted';
    devices.devices = [device('audiooutput', 'speaker')];
    expect(await readMicrophoneStatus()).toBe('missing');
  });

  it('reads prompt where the browser cannot query the microphone permission', async () => {
    cleanups.push(installMediaDevices(new FakeMediaDevices([device('audioinput', 'mic')])));
    cleanups.push(installPermissions('throws'));
    expect(await readMicrophoneStatus()).toBe('prompt');
  });

  it('follows permission changes and devices coming and going, until stopped', async () => {
    const devices = new FakeMediaDevices([device('audioinput', 'mic')]);
    cleanups.push(installMediaDevices(devices));
    const permission = new FakePermission('granted');
    cleanups.push(installPermissions(permission));
    const seen: MicrophoneStatus[] = [];
    const stop = watchMicrophoneStatus((status) => seen.push(status));
    await flush();
    expect(seen.at(-1)).toBe('granted');
    permission.change('denied');
    await flush();
    expect(seen.at(-1)).toBe('denied');
    permission.change('granted');
    devices.change([]);
    await flush();
    expect(seen.at(-1)).toBe('missing');
    stop();
    const count = seen.length;
    devices.change([device('audioinput', 'mic')]);
    permission.change('denied');
    await flush();
    expect(seen).toHaveLength(count);
  });
});
