import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../transport/clock.js';
import { DtmfSender, type DtmfChannels } from './dtmf-sender.js';

function channels(): DtmfChannels & { readonly log: string[] } {
  const log: string[] = [];
  return {
    log,
    rtp: (tone, duration, gap) => {
      log.push(`rtp ${tone} ${duration} ${gap}`);
      return true;
    },
    info: (tone, duration) => void log.push(`info ${tone} ${duration}`),
    sent: () => undefined,
  };
}

describe('DtmfSender limits: RTCDTMFSender’s, for RTP and INFO alike, checked before queueing', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('applies the defaults (100 ms tones, 70 ms gap)', () => {
    const out = channels();
    new DtmfSender(systemClock, out).send('1', { transport: 'rfc4733' });
    expect(out.log).toEqual(['rtp 1 100 70']);
  });

  it.each([
    { duration: 39 },
    { duration: 6001 },
    { duration: Number.NaN },
    { interToneGap: 29 },
    // Accepted before and then thrown by the media handler from a timer, or played with no gap.
    { interToneGap: Number.POSITIVE_INFINITY },
  ])('%o throws RangeError and queues nothing', (limits) => {
    const out = channels();
    const sender = new DtmfSender(systemClock, out);
    expect(() => sender.send('12', { transport: 'info', ...limits })).toThrow(RangeError);
    vi.runAllTimers();
    expect(out.log).toEqual([]);
  });
});
