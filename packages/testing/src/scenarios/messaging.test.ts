import type { UAEvents } from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { matches } from '../network/fault-plan.js';
import { createScenario } from './harness.fixture.js';

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

async function aliceAndBob(server: Parameters<typeof createScenario>[0] = {}) {
  const scenario = createScenario(server);
  const alice = scenario.addUA('alice', { display_name: 'Alice', password: 'a' });
  const bob = scenario.addUA('bob', { password: 'b' });
  alice.ua.start();
  bob.ua.start();
  // Registration may hash with Web Crypto (SHA-256), which settles on the real event loop, not on
  // fake timers: wait until both are registered rather than for a fixed number of ticks.
  await vi.waitFor(() => expect(alice.ua.isRegistered() && bob.ua.isRegistered()).toBe(true));
  return { ...scenario, alice, bob };
}

describe('MESSAGE (RFC 3428) between UAs', () => {
  it('delivers a message, reports success and emits newMessage on both sides', async () => {
    const { alice, bob, stopAll } = await aliceAndBob();
    const received: Array<UAEvents['newMessage']> = [];
    const sentEvents: Array<UAEvents['newMessage']> = [];
    bob.ua.on('newMessage', (e) => received.push(e));
    alice.ua.on('newMessage', (e) => sentEvents.push(e));
    const succeeded = vi.fn();
    const result = alice.ua.sendMessage('bob', 'héllo 👋', { eventHandlers: { succeeded } });
    await flush();
    await expect(result).resolves.toMatchObject({ ok: true });
    expect(succeeded).toHaveBeenCalledOnce();
    expect(sentEvents[0]?.originator).toBe('local');
    expect(received).toHaveLength(1);
    expect(received[0]?.originator).toBe('remote');
    expect(received[0]?.message).toMatchObject({
      body: 'héllo 👋',
      contentType: 'text/plain',
      from: { displayName: 'Alice', uri: 'sip:alice@sip.test' },
    });
    await stopAll();
  });

  it("answers the proxy's 407 challenge and carries content type and extra headers", async () => {
    const { alice, bob, network, stopAll } = await aliceAndBob({ users: { alice: 'a', bob: 'b' } });
    const received = vi.fn();
    bob.ua.on('newMessage', received);
    const result = await (async () => {
      const pending = alice.ua.sendMessage('sip:bob@sip.test', '{"x":1}', {
        contentType: 'application/json',
        extraHeaders: ['X-Trace: 42'],
      });
      await flush();
      return pending;
    })();
    expect(result.ok).toBe(true);
    const messages = network.traffic.requestsSent('MESSAGE').filter((e) => e.socketId === 'alice');
    expect(messages).toHaveLength(2);
    expect(messages[1]?.message).toMatch(/^Proxy-Authorization: Digest /m);
    const message = messages[1];
    expect(message?.message).toMatch(/^X-Trace: 42\r$/m);
    expect(message?.message).toMatch(/^Content-Type: application\/json\r$/m);
    expect(received).toHaveBeenCalledOnce();
    await stopAll();
  });

  it('protects the body with qop auth-int and SHA-256 when the proxy asks for it', async () => {
    const { alice, bob, network, stopAll } = await aliceAndBob({
      users: { alice: 'a', bob: 'b' },
      qop: 'auth-int',
      algorithms: ['SHA-256'],
    });
    const received = vi.fn();
    bob.ua.on('newMessage', received);
    const pending = alice.ua.sendMessage('bob', 'integrity matters');
    await flush();
    expect((await pending).ok).toBe(true);
    const retry = network.traffic.requestsSent('MESSAGE').filter((e) => e.socketId === 'alice')[1];
    expect(retry?.message).toMatch(/^Proxy-Authorization: Digest .*qop=auth-int/m);
    expect(retry?.message).toMatch(/algorithm=SHA-256/);
    expect(received).toHaveBeenCalledOnce();
    await stopAll();
  });

  it('reports a failure with a cause: unknown user, and no answer at all', async () => {
    const { alice, network, stopAll } = await aliceAndBob();
    const failed = vi.fn();
    const notFound = alice.ua.sendMessage('carol', 'hi', { eventHandlers: { failed } });
    await flush();
    await expect(notFound).resolves.toMatchObject({ ok: false, cause: 'Not Found' });
    expect(failed).toHaveBeenCalledWith(
      expect.objectContaining({ originator: 'remote', cause: 'Not Found' }),
    );

    network.faults.drop(matches.request('MESSAGE'));
    const lost = alice.ua.sendMessage('bob', 'hi');
    await vi.advanceTimersByTimeAsync(32_000);
    await expect(lost).resolves.toEqual({ ok: false, cause: 'Request Timeout' });
    await stopAll();
  });

  it('refuses a target that is not a SIP address', async () => {
    const { alice, stopAll } = await aliceAndBob();
    expect(() => alice.ua.sendMessage('bob@', 'hi')).toThrow(/Invalid target/);
    await stopAll();
  });
});

describe('OPTIONS between UAs (RFC 3261 §11)', () => {
  it('queries a peer, which answers with its capabilities and emits newOptions', async () => {
    const { alice, bob, stopAll } = await aliceAndBob();
    const newOptions = vi.fn();
    bob.ua.on('newOptions', newOptions);
    const pending = alice.ua.sendOptions('bob');
    await flush();
    const result = await pending;
    expect(result.ok && result.response.parsed('allow')).toContain('INVITE');
    expect(newOptions).toHaveBeenCalledOnce();
    await stopAll();
  });
});
