import { describe, expect, it } from 'vitest';
import { FakeMediaStreamTrack } from '../media/testing/fake-media.js';
import { FakePeerConnection } from '../media/testing/fake-peer-connection.js';
import { peerConnectionSlots } from './peer-connection-slots.js';
import { VideoSenders } from './video-senders.js';

function audioCall() {
  const pc = new FakePeerConnection();
  pc.addTrack(new FakeMediaStreamTrack('audio'));
  const slots = peerConnectionSlots(pc);
  return { pc, slots, senders: new VideoSenders(slots) };
}

const video = (): FakeMediaStreamTrack => new FakeMediaStreamTrack('video');

describe('VideoSenders over a peer connection', () => {
  it('adds a video transceiver for the camera (offer needed), swaps the camera on it without one', async () => {
    const { pc, senders } = audioCall();
    const camera = video();
    expect(await senders.start('camera', camera)).toBe(true);
    expect(pc.transceivers.map((t) => t.kind)).toEqual(['audio', 'video']);
    expect(pc.transceivers[1]?.sender.track).toBe(camera);
    const other = video();
    expect(await senders.start('camera', other)).toBe(false);
    expect(pc.transceivers[1]?.sender.track).toBe(other);
  });

  it('stopping leaves the transceiver, sending nothing, and the next start reuses it (no m= pile-up)', async () => {
    const { pc, slots, senders } = audioCall();
    await senders.start('camera', video());
    expect(await senders.stop('camera')).toBe(true);
    expect(pc.transceivers[1]?.sender.track).toBeNull();
    expect(await senders.start('camera', video())).toBe(true);
    expect(pc.transceivers).toHaveLength(2);
    expect(slots.list()).toHaveLength(1);
    expect(await senders.stop('screen')).toBe(false);
  });

  it('a screen replacing the camera takes its sender and gives it back', async () => {
    const { pc, senders } = audioCall();
    const camera = video();
    const screen = video();
    await senders.start('camera', camera);
    expect(await senders.start('screen', screen, { replace: 'camera' })).toBe(false);
    expect(pc.transceivers[1]?.sender.track).toBe(screen);
    expect(senders.track('camera')).toBeUndefined();
    expect(senders.displacedCamera).toBe(camera);
    expect(await senders.stop('screen')).toBe(false);
    expect(pc.transceivers[1]?.sender.track).toBe(camera);
    expect(senders.track('camera')).toBe(camera);
  });

  it('the camera turned off during such a share does not come back', async () => {
    const { pc, senders } = audioCall();
    await senders.start('camera', video());
    const screen = video();
    await senders.start('screen', screen, { replace: 'camera' });
    expect(await senders.stop('camera')).toBe(false);
    expect(senders.displacedCamera).toBeUndefined();
    expect(await senders.stop('screen')).toBe(true);
    expect(pc.transceivers[1]?.sender.track).toBeNull();
  });

  it('a screen beside the camera gets its own transceiver; a free one from the far end offer is used first', async () => {
    const { pc, senders } = audioCall();
    await senders.start('camera', video());
    await senders.start('screen', video());
    expect(pc.transceivers.map((t) => t.kind)).toEqual(['audio', 'video', 'video']);

    const answered = audioCall();
    // The far end's video offer made a recvonly transceiver: our camera goes there.
    await answered.pc.setRemoteDescription({
      type: 'offer',
      sdp: 'v=0\r\nm=audio 9 x 111\r\nm=video 9 x 96\r\n',
    });
    await answered.senders.start('camera', video());
    expect(answered.pc.transceivers).toHaveLength(2);
  });

  it('adopts the camera of a call placed with video', async () => {
    const pc = new FakePeerConnection();
    const camera = video();
    pc.addTrack(new FakeMediaStreamTrack('audio'));
    pc.addTrack(camera);
    const senders = new VideoSenders(peerConnectionSlots(pc));
    expect(senders.track('camera')).toBe(camera);
  });
});
