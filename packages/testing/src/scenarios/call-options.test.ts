import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callScenario, establish } from './calls.fixture.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('hold and unhold with useUpdate (RFC 3311)', () => {
  it('sends UPDATE, not re-INVITE, and the far end sees the hold', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob']);
    const [outgoing, incoming] = await establish(uas.alice!, uas.bob!, 'bob');
    const remote = vi.fn();
    incoming.on('hold', remote);
    await expect(outgoing.hold({ useUpdate: true })).resolves.toBe(true);
    expect(sent('INVITE')).toHaveLength(1);
    expect(sent('UPDATE')).toHaveLength(1);
    expect(sent('UPDATE')[0]!.body).toMatch(/a=sendonly/);
    await vi.waitFor(() => expect(remote).toHaveBeenCalledWith({ originator: 'remote' }));
    expect(outgoing.isOnHold().local).toBe(true);
    await expect(outgoing.unhold({ useUpdate: true })).resolves.toBe(true);
    expect(sent('UPDATE')).toHaveLength(2);
    expect(sent('UPDATE')[1]!.body).toMatch(/a=sendrecv/);
    expect(sent('INVITE')).toHaveLength(1);
    await expect(outgoing.hold()).resolves.toBe(true);
    expect(sent('INVITE')).toHaveLength(2); // the default stays re-INVITE
    await stopAll();
  });
});

describe('answer() without media constraints follows the offer', () => {
  it('a video offer is answered with audio and video', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob']);
    const outgoing = uas.alice!.ua.call('bob', { mediaConstraints: { audio: true, video: true } });
    await vi.waitFor(() => expect(uas.bob!.sessions).toHaveLength(1));
    uas.bob!.last().answer();
    await vi.waitFor(() => expect(outgoing.status).toBe('confirmed'));
    const callee = uas.bob!.media.handlers[0]!;
    expect(callee.options.mediaConstraints).toEqual({ audio: true, video: true });
    expect(callee.localSdp).toMatch(/m=video[^\n]*\n(?:a=[^\n]*\n)*?a=sendrecv/);
    await stopAll();
  });

  it('an audio offer is answered with audio only; given constraints are kept', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob']);
    await establish(uas.alice!, uas.bob!, 'bob');
    expect(uas.bob!.media.handlers[0]!.options.mediaConstraints).toEqual({
      audio: true,
      video: false,
    });
    uas.alice!.ua.call('bob', { mediaConstraints: { audio: true, video: true } });
    await vi.waitFor(() => expect(uas.bob!.sessions).toHaveLength(2));
    uas.bob!.last().answer({ mediaConstraints: { audio: true } });
    await vi.waitFor(() => expect(uas.bob!.last().status).toBe('confirmed'));
    expect(uas.bob!.media.handlers[1]!.options.mediaConstraints).toEqual({ audio: true });
    await stopAll();
  });
});
