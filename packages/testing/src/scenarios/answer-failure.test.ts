import { Causes } from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userDeniedMediaError } from '../media/fake-media-handler.js';
import { callScenario } from './calls.fixture.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a call that cannot be answered', () => {
  it('tells the caller 480 with a Reason when our microphone is refused, not a bare 500', async () => {
    const { uas, network, stopAll } = await callScenario(['alice', 'bob']);
    const outgoing = uas.alice!.ua.call('bob');
    await vi.waitFor(() => expect(uas.bob!.sessions).toHaveLength(1));
    const incoming = uas.bob!.last();
    incoming.answer();
    // The answer's handler was made inside answer(): its getUserMedia is refused.
    uas.bob!.media.handlers.at(-1)!.failNext('createAnswer', userDeniedMediaError());
    await vi.waitFor(() => expect(outgoing.isEnded()).toBe(true));
    expect(incoming.cause).toBe(Causes.USER_DENIED_MEDIA_ACCESS);
    const final = network.traffic
      .entries()
      .map((entry) => entry.message)
      .find((message) => /^SIP\/2\.0 [3-6]\d\d [\s\S]*CSeq: 1 INVITE/.test(message));
    expect(final?.split('\r\n')[0]).toBe('SIP/2.0 480 Temporarily Unavailable');
    expect(final).toContain('Reason: SIP ;cause=480 ;text="No microphone available"');
    expect(outgoing.cause).not.toBe(Causes.SIP_FAILURE_CODE);
    await stopAll();
  });
});
