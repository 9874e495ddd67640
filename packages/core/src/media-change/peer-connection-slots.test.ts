import { describe, expect, it } from 'vitest';
import { sdpMediaSections } from '../media/sdp-direction.js';
import { FakeMediaStream, FakeMediaStreamTrack, fakeStream } from '../media/testing/fake-media.js';
import { fakePeerConnections } from '../media/testing/fake-peer-connection.js';
import { WebRtcMediaHandler } from '../media/webrtc-media-handler.js';
import { peerConnectionSlots } from './peer-connection-slots.js';

describe('peerConnectionSlots with the WebRTC media handler', () => {
  it('a slot added mid-call is offered sendrecv, recvonly once its track is gone, inactive on hold (RFC 3264 §8.3, §8.4)', async () => {
    const webrtc = fakePeerConnections({ completeGathering: true });
    const stream = fakeStream('audio');
    const handler = new WebRtcMediaHandler({
      RTCPeerConnection: webrtc.RTCPeerConnection,
      getUserMedia: () => Promise.resolve<MediaStream>(stream),
      MediaStream: FakeMediaStream,
    });
    await handler.createOffer({ localHold: false });
    const pc = webrtc.connections[0];
    if (pc === undefined) throw new Error('no peer connection');
    const directions = async (localHold = false): Promise<string[]> => {
      await handler.rollback();
      return sdpMediaSections(await handler.createOffer({ localHold })).map(
        (section) => `${section.media} ${section.direction}`,
      );
    };
    const slots = peerConnectionSlots(pc);
    expect(slots.list()).toEqual([]);
    const slot = slots.add(new FakeMediaStreamTrack('video'), stream);
    expect(slots.list()).toEqual([slot]);
    expect(await directions()).toEqual(['audio sendrecv', 'video sendrecv']);
    await slot.replaceTrack(null);
    expect(await directions()).toEqual(['audio sendrecv', 'video recvonly']);
    expect(await directions(true)).toEqual(['audio sendonly', 'video inactive']);
    // One wrapper per transceiver: the same slot object every time.
    expect(slots.list()[0]).toBe(slot);
    handler.close();
  });
});
