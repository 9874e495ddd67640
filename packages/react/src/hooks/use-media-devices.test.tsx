import { until } from '../testing/until.js';
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RemoteAudio } from '../components/remote-audio.js';
import { renderStrict } from '../testing/render.js';
import { device, FakeMediaDevices, installMediaDevices } from '../testing/fake-media-devices.js';
import { sipTestbed } from '../testing/sip-testbed.js';
import { Phone } from '../testing/test-phone.js';
import { useMediaDevices, type UseMediaDevicesResult } from './use-media-devices.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const seen: { current?: UseMediaDevicesResult } = {};
function Devices() {
  const devices = useMediaDevices();
  Object.assign(seen, { current: devices });
  return (
    <p data-testid="devices">
      {devices.supported ? 'supported' : 'unsupported'}:
      {devices.microphones.map((m) => m.label).join(',')}:{devices.microphone ?? 'default'}
    </p>
  );
}

describe('useMediaDevices', () => {
  it('is empty and unsupported, without throwing, when navigator.mediaDevices is missing', async () => {
    const bed = sipTestbed();
    const view = renderStrict(
      <Phone name="alice" phone={bed.phone('alice')}>
        <Devices />
      </Phone>,
    );
    expect(screen.getByTestId('devices').textContent).toBe('unsupported::default');
    await act(() => seen.current!.refresh());
    await expect(seen.current!.requestPermission()).resolves.toBe(false);
    expect(seen.current!.canChooseSpeaker).toBe(false);
    view.unmount();
    await bed.expectAllStopped();
  });

  it('lists devices, follows devicechange, and puts the chosen microphone in new calls', async () => {
    const media = new FakeMediaDevices([
      device('audioinput', 'mic-1', 'Built-in'),
      device('audioinput', 'mic-2', 'Headset'),
      device('audiooutput', 'spk-1'),
    ]);
    const uninstall = installMediaDevices(media);
    const bed = sipTestbed();
    const alice = bed.phone('alice');
    const views = [
      renderStrict(
        <Phone name="alice" phone={alice}>
          <Devices />
        </Phone>,
      ),
      renderStrict(<Phone name="bob" phone={bed.phone('bob')} />),
    ];
    await until(() =>
      expect(screen.getByTestId('devices').textContent).toBe('supported:Built-in,Headset:default'),
    );
    expect(seen.current!.speakers.map((s) => s.deviceId)).toEqual(['spk-1']);
    expect(seen.current!.canChooseSpeaker).toBe(true);

    act(() => seen.current!.chooseMicrophone('mic-2'));
    expect(screen.getByTestId('devices').textContent).toBe('supported:Built-in,Headset:mic-2');
    await until(() =>
      expect(screen.getByTestId('bob-registration').textContent).toBe('connected/registered'),
    );
    await until(() =>
      expect(screen.getByTestId('alice-registration').textContent).toBe('connected/registered'),
    );
    fireEvent.change(screen.getByLabelText('alice-target'), { target: { value: 'bob' } });
    act(() => screen.getByText('alice-dial').click());
    await until(() => expect(alice.media.handlers).toHaveLength(1));
    expect(alice.media.handlers[0]!.options.mediaConstraints).toEqual({
      audio: { deviceId: { exact: 'mic-2' } },
      video: false,
    });
    // A choice made during the call switches the live call's microphone as well.
    act(() => seen.current!.chooseMicrophone('mic-1'));
    act(() => seen.current!.chooseMicrophone('mic-2'));
    await until(() =>
      expect(alice.media.handlers[0]!.replaced).toEqual([
        { audio: { deviceId: { exact: 'mic-1' } } },
        { audio: { deviceId: { exact: 'mic-2' } } },
      ]),
    );

    // The headset goes away: the choice falls back to the default.
    act(() => media.change([device('audioinput', 'mic-1', 'Built-in')]));
    await until(() =>
      expect(screen.getByTestId('devices').textContent).toBe('supported:Built-in:default'),
    );
    await expect(seen.current!.requestPermission()).resolves.toBe(true);
    expect(media.stopped).toBe(1); // the permission probe does not keep the microphone open
    media.granted = false;
    await expect(seen.current!.requestPermission()).resolves.toBe(false);
    for (const view of views) view.unmount();
    uninstall();
    await bed.expectAllStopped();
  });
});

describe('RemoteAudio', () => {
  async function talking(audio: Parameters<typeof RemoteAudio>[0] = {}) {
    const bed = sipTestbed();
    const alice = bed.phone('alice');
    const views = [
      renderStrict(
        <Phone name="alice" phone={alice}>
          <RemoteAudio {...audio} />
          <Devices />
        </Phone>,
      ),
      renderStrict(<Phone name="bob" phone={bed.phone('bob')} />),
    ];
    await until(() => {
      expect(screen.getByTestId('alice-registration').textContent).toBe('connected/registered');
      expect(screen.getByTestId('bob-registration').textContent).toBe('connected/registered');
    });
    fireEvent.change(screen.getByLabelText('alice-target'), { target: { value: 'bob' } });
    act(() => screen.getByText('alice-dial').click());
    await until(() => expect(screen.getByTestId('bob-incoming').textContent).not.toBe(''));
    act(() => screen.getByText('bob-answer').click());
    await until(() => expect(screen.getByTestId('alice-call').textContent).toBe('confirmed'));
    const stop = async (): Promise<void> => {
      for (const view of views) view.unmount();
      await bed.expectAllStopped();
    };
    return { alice, stop };
  }
  const audioElement = (): HTMLAudioElement | null => document.querySelector('audio[data-call-id]');

  it('plays the remote stream of a call, and goes away when the call ends', async () => {
    const { alice, stop } = await talking();
    await until(() => expect(audioElement()?.dataset.state).toBe('playing'));
    expect(audioElement()!.srcObject).toBe(alice.media.handlers[0]!.remoteStream);
    act(() => screen.getByText('alice-hangup').click());
    expect(audioElement()).toBeNull();
    await stop();
  });

  it('shows data-state="blocked" when autoplay is refused, and retries on the next click', async () => {
    const play = vi
      .spyOn(HTMLMediaElement.prototype, 'play')
      .mockRejectedValueOnce(Object.assign(new Error('autoplay'), { name: 'NotAllowedError' }));
    const onAutoplayBlocked = vi.fn();
    const { stop } = await talking({ onAutoplayBlocked });
    await until(() => expect(audioElement()?.dataset.state).toBe('blocked'));
    expect(onAutoplayBlocked).toHaveBeenCalledWith(expect.any(Function));
    act(() => document.body.dispatchEvent(new Event('pointerdown', { bubbles: true })));
    await until(() => expect(audioElement()?.dataset.state).toBe('playing'));
    expect(play.mock.calls.length).toBeGreaterThanOrEqual(2);
    await stop();
  });

  it('routes to the chosen speaker with setSinkId, live', async () => {
    const sink = vi.spyOn(HTMLMediaElement.prototype, 'setSinkId').mockResolvedValue(undefined);
    const { stop } = await talking();
    await until(() => expect(audioElement()?.dataset.state).toBe('playing'));
    expect(sink).toHaveBeenLastCalledWith('');
    act(() => seen.current!.chooseSpeaker('spk-2'));
    expect(sink).toHaveBeenLastCalledWith('spk-2');
    await stop();
  });
});
