import type { MediaStats } from '@sipkit/core';
import { FAKE_MEDIA_STATS } from '@sipkit/testing';

/**
 * Media statistics that wander like a real call's, deterministically (a fixed seed), so the
 * quality view has something to draw: each call returns the next sample.
 *
 * @example handler.getStats = varyingStats();
 */
export function varyingStats(): () => Promise<MediaStats> {
  let seed = 7;
  let tick = 0;
  let lost = 0;
  // A small linear congruential generator: the same wobble on every run and in every test.
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return () => {
    tick += 1;
    const received = tick * 50;
    lost += random() < 0.3 ? Math.round(random() * 3) : 0;
    return Promise.resolve({
      ...FAKE_MEDIA_STATS,
      sendBitrate: Math.round(56_000 + 16_000 * Math.sin(tick / 3) + random() * 4000),
      receiveBitrate: Math.round(60_000 + 12_000 * Math.cos(tick / 4) + random() * 4000),
      packetsReceived: received,
      packetsLost: lost,
      packetLoss: lost / (received + lost),
      jitter: 0.002 + random() * 0.008,
      roundTripTime: 0.04 + random() * 0.03,
    });
  };
}
