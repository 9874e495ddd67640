import { describe, expect, it } from 'vitest';
import { inboundAudioPackets, reduceStats } from './media-stats.js';

type Stats = Record<string, unknown> & { id: string; type: string };

function report(...entries: Stats[]): RTCStatsReport {
  return new Map(entries.map((entry) => [entry.id, entry]));
}

function call(timestamp: number, sent: number, received: number): RTCStatsReport {
  return report(
    { id: 'oa', type: 'outbound-rtp', kind: 'audio', timestamp, bytesSent: sent * 0.75 },
    { id: 'ov', type: 'outbound-rtp', kind: 'video', timestamp, bytesSent: sent * 0.25 },
    {
      id: 'ia',
      type: 'inbound-rtp',
      kind: 'audio',
      timestamp,
      bytesReceived: received,
      packetsReceived: 950,
      packetsLost: 50,
      jitter: 0.012,
    },
    {
      id: 'iv',
      type: 'inbound-rtp',
      kind: 'video',
      timestamp,
      packetsReceived: 1000,
      packetsLost: 0,
      jitter: 0.5,
    },
    { id: 't', type: 'transport', selectedCandidatePairId: 'p2' },
    {
      id: 'p1',
      type: 'candidate-pair',
      nominated: true,
      state: 'succeeded',
      currentRoundTripTime: 0.9,
    },
    {
      id: 'p2',
      type: 'candidate-pair',
      nominated: true,
      state: 'succeeded',
      currentRoundTripTime: 0.04,
    },
    { id: 'ri', type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.3 },
  );
}

describe('reduceStats', () => {
  it('sums packets over inbound streams and takes the loss fraction', () => {
    const { stats } = reduceStats(call(1000, 8000, 4000), undefined);
    expect(stats.packetsReceived).toBe(1950);
    expect(stats.packetsLost).toBe(50);
    expect(stats.packetLoss).toBe(50 / 2000);
  });

  it('reads jitter from the audio stream and RTT from the selected pair', () => {
    const { stats } = reduceStats(call(1000, 8000, 4000), undefined);
    expect(stats.jitter).toBe(0.012);
    expect(stats.roundTripTime).toBe(0.04);
  });

  it('has no bitrate on the first call, then bits per second from the byte deltas', () => {
    const first = reduceStats(call(1000, 8000, 4000), undefined);
    expect(first.stats.sendBitrate).toBeUndefined();
    expect(first.stats.receiveBitrate).toBeUndefined();
    expect(first.sample).toEqual({ timestamp: 1000, bytesSent: 8000, bytesReceived: 4000 });
    // 500 ms later: 4000 bytes more sent, 1000 more received.
    const second = reduceStats(call(1500, 12_000, 5000), first.sample);
    expect(second.stats.sendBitrate).toBe((4000 * 8) / 0.5);
    expect(second.stats.receiveBitrate).toBe((1000 * 8) / 0.5);
  });

  it('has no bitrate when time did not advance or the counters went back', () => {
    const first = reduceStats(call(1000, 8000, 4000), undefined);
    expect(reduceStats(call(1000, 9000, 5000), first.sample).stats.sendBitrate).toBeUndefined();
    const reset = reduceStats(call(2000, 100, 100), first.sample).stats;
    expect(reset.sendBitrate).toBeUndefined();
    expect(reset.receiveBitrate).toBeUndefined();
  });

  it('falls back to a nominated succeeded pair, then to remote-inbound-rtp', () => {
    const pair = reduceStats(
      report(
        {
          id: 'p',
          type: 'candidate-pair',
          nominated: true,
          state: 'in-progress',
          currentRoundTripTime: 1,
        },
        {
          id: 'q',
          type: 'candidate-pair',
          nominated: true,
          state: 'succeeded',
          currentRoundTripTime: 0.07,
        },
      ),
      undefined,
    );
    expect(pair.stats.roundTripTime).toBe(0.07);
    const selected = reduceStats(
      report({ id: 'p', type: 'candidate-pair', selected: true, currentRoundTripTime: 0.02 }),
      undefined,
    );
    expect(selected.stats.roundTripTime).toBe(0.02);
    const rtcp = reduceStats(
      report(
        { id: 'p', type: 'candidate-pair', nominated: false, state: 'succeeded' },
        { id: 'rv', type: 'remote-inbound-rtp', kind: 'video', roundTripTime: 0.2 },
      ),
      undefined,
    );
    expect(rtcp.stats.roundTripTime).toBe(0.2);
  });

  it('treats negative cumulative loss (duplicates) as no loss', () => {
    const { stats } = reduceStats(
      report({
        id: 'i',
        type: 'inbound-rtp',
        packetsReceived: 100,
        packetsLost: -2,
        mediaType: 'audio',
        jitter: 0.001,
      }),
      undefined,
    );
    expect(stats.packetsLost).toBe(-2);
    expect(stats.packetLoss).toBe(0);
    expect(stats.jitter).toBe(0.001);
  });

  it('leaves everything undefined for an empty or odd report', () => {
    const empty = reduceStats(report(), undefined);
    expect(empty.sample).toBeUndefined();
    expect(empty.stats).toMatchObject({
      sendBitrate: undefined,
      packetsReceived: undefined,
      packetLoss: undefined,
      jitter: undefined,
      roundTripTime: undefined,
    });
    const odd = reduceStats(
      report({ id: 'i', type: 'inbound-rtp', packetsReceived: 'many', packetsLost: Number.NaN }),
      undefined,
    );
    expect(odd.stats.packetsReceived).toBeUndefined();
    expect(odd.stats.packetLoss).toBeUndefined();
  });
});

describe('inboundAudioPackets', () => {
  it('counts the audio inbound-rtp packets only (video and outbound aside)', () => {
    expect(inboundAudioPackets(call(1000, 8000, 8000))).toBe(950);
  });

  it('reads mediaType where kind is missing (older Chromium), and is undefined with no audio yet', () => {
    const legacy = report({
      id: 'ia',
      type: 'inbound-rtp',
      mediaType: 'audio',
      packetsReceived: 7,
    });
    expect(inboundAudioPackets(legacy)).toBe(7);
    expect(inboundAudioPackets(report({ id: 'oa', type: 'outbound-rtp', kind: 'audio' }))).toBe(
      undefined,
    );
  });
});
