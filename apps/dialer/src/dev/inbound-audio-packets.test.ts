import { describe, expect, it } from 'vitest';
import { inboundAudioPackets } from './inbound-audio-packets.js';

describe('inboundAudioPackets', () => {
  it('sums the audio inbound-rtp entries only', () => {
    const report = new Map<string, unknown>([
      ['a', { type: 'inbound-rtp', kind: 'audio', packetsReceived: 40 }],
      ['b', { type: 'inbound-rtp', kind: 'video', packetsReceived: 900 }],
      ['c', { type: 'outbound-rtp', kind: 'audio', packetsSent: 50 }],
      ['d', { type: 'inbound-rtp', kind: 'audio', packetsReceived: 2 }],
    ]) as unknown as RTCStatsReport;
    expect(inboundAudioPackets(report)).toBe(42);
    expect(inboundAudioPackets(new Map() as unknown as RTCStatsReport)).toBeUndefined();
    expect(inboundAudioPackets(undefined)).toBeUndefined();
  });
});
