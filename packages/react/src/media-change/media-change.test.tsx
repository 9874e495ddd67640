import { fakeMediaDevices, userDeniedMediaError } from '@sipkit/testing';
import { Profiler, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { SipProvider } from '../sip-provider.js';
import { fakeTimersForEachTest } from '../testing/fake-timers.js';
import { aliceCallsBob, click, renderRegistered, text } from '../testing/phone-call.js';
import { sipTestbed, type TestPhone } from '../testing/sip-testbed.js';
import { PhoneUI } from '../testing/test-phone.js';
import { until } from '../testing/until.js';
import { useCallMedia } from './use-call-media.js';
import { useCallVideo } from './use-call-video.js';
import { useScreenShare } from './use-screen-share.js';

fakeTimersForEachTest();

type Devices = ReturnType<typeof fakeMediaDevices>;
let mediaCommits = 0;

function MediaLine({ name }: { readonly name: string }): ReactNode {
  const { localVideo, remoteVideo, screenShare } = useCallMedia();
  return (
    <Profiler id="media" onRender={() => void (mediaCommits += 1)}>
      <p data-testid={`${name}-media`}>
        {`local:${String(localVideo)} remote:${String(remoteVideo)} screen:${String(screenShare)}`}
      </p>
    </Profiler>
  );
}

function MediaButtons({ name, devices }: { readonly name: string; readonly devices: Devices }) {
  const video = useCallVideo();
  const share = useScreenShare();
  return (
    <>
      <button onClick={() => void video.startVideo({ getUserMedia: devices.getUserMedia })}>
        {name}-video-on
      </button>
      <button onClick={() => void video.stopVideo()}>{name}-video-off</button>
      <button onClick={() => void share.shareScreen({ getDisplayMedia: devices.getDisplayMedia })}>
        {name}-share
      </button>
      <button onClick={() => void share.stopScreenShare()}>{name}-unshare</button>
      <p data-testid={`${name}-tracks`}>
        {`camera:${String(video.remoteCamera !== undefined)} screen:${String(share.remoteScreen !== undefined)}`}
      </p>
      <p data-testid={`${name}-error`}>{video.error?.message ?? share.error?.message ?? ''}</p>
    </>
  );
}

function Phone(props: {
  readonly name: string;
  readonly phone: TestPhone;
  readonly devices: Devices;
}) {
  return (
    <SipProvider config={props.phone.config} {...props.phone.options}>
      <PhoneUI name={props.name} />
      <MediaLine name={props.name} />
      <MediaButtons name={props.name} devices={props.devices} />
    </SipProvider>
  );
}

async function confirmedCall() {
  const bed = sipTestbed();
  const devices = { alice: fakeMediaDevices(), bob: fakeMediaDevices() };
  const unmount = await renderRegistered({
    alice: <Phone name="alice" phone={bed.phone('alice')} devices={devices.alice} />,
    bob: <Phone name="bob" phone={bed.phone('bob')} devices={devices.bob} />,
  });
  await aliceCallsBob();
  return { bed, devices, unmount };
}

describe('useCallMedia, useCallVideo, useScreenShare', () => {
  it('video on and off: both sides see it, the far end gets the camera track', async () => {
    const { bed, devices, unmount } = await confirmedCall();
    expect(text('alice-media')).toBe('local:false remote:false screen:null');
    click('alice-video-on');
    await until(() => expect(text('bob-media')).toBe('local:false remote:true screen:null'));
    expect(text('alice-media')).toBe('local:true remote:false screen:null');
    expect(text('bob-tracks')).toBe('camera:true screen:false');
    expect(devices.bob.requests).toEqual([]);
    click('alice-video-off');
    await until(() => expect(text('bob-media')).toBe('local:false remote:false screen:null'));
    expect(text('alice-media')).toBe('local:false remote:false screen:null');
    expect(devices.alice.cameras[0]?.stops).toBe(1);
    expect(bed.sent('INVITE')).toHaveLength(3);
    unmount();
    await bed.expectAllStopped();
  });

  it('screen share: local on our side, remote on theirs, gone after the stop', async () => {
    const { bed, unmount } = await confirmedCall();
    click('alice-share');
    await until(() => expect(text('bob-media')).toBe('local:false remote:false screen:remote'));
    expect(text('alice-media')).toBe('local:false remote:false screen:local');
    expect(text('bob-tracks')).toBe('camera:false screen:true');
    click('alice-unshare');
    await until(() => expect(text('bob-media')).toBe('local:false remote:false screen:null'));
    expect(text('alice-media')).toBe('local:false remote:false screen:null');
    unmount();
    await bed.expectAllStopped();
  });

  it('a refused camera shows its advice; the call and the media line do not change', async () => {
    const { bed, devices, unmount } = await confirmedCall();
    mediaCommits = 0;
    devices.alice.failNext('getUserMedia', userDeniedMediaError());
    click('alice-video-on');
    await until(() => expect(text('alice-error')).toMatch(/permission settings/));
    expect(text('alice-media')).toBe('local:false remote:false screen:null');
    expect(text('alice-call')).toBe('confirmed');
    expect(mediaCommits).toBe(0);
    expect(bed.sent('INVITE')).toHaveLength(1);
    unmount();
    await bed.expectAllStopped();
  });
});
