import { UA } from '@sipkit/core';
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

describe('UA registration on the in-memory network', () => {
  it('registers on start, once, and the proxy holds the binding', async () => {
    const { addUA, proxy, sent, stopAll } = createScenario();
    const alice = addUA('alice', { display_name: 'Alice Liddell', user_agent: 'TestPhone/1' });
    alice.ua.start();
    await flush();
    expect(alice.events).toEqual(['connecting', 'connected', 'registered']);
    expect(alice.ua.isRegistered()).toBe(true);
    expect(proxy.location.lookup('alice@sip.test')).toHaveLength(1);
    const register = sent('REGISTER');
    expect(register).toHaveLength(1);
    expect(register[0]?.header('from')).toMatch(/^"Alice Liddell" <sip:alice@sip\.test>;tag=/);
    expect(register[0]?.header('user-agent')).toBe('TestPhone/1');
    await stopAll();
  });

  it('answers a digest challenge once and registers', async () => {
    const { addUA, sent, stopAll } = createScenario({ users: { alice: 'secret' } });
    const alice = addUA('alice', { password: 'secret' });
    alice.ua.start();
    await flush();
    expect(alice.events).toContain('registered');
    const registers = sent('REGISTER');
    expect(registers.map((r) => r.cseq.seq)).toEqual([1, 2]);
    expect(registers[1]?.header('authorization')).toMatch(/^Digest /);
    expect(registers[0]?.callId).toBe(registers[1]?.callId);
    await stopAll();
  });

  it('registers with ha1 + realm and no password', async () => {
    const { addUA, stopAll } = createScenario({ users: { alice: 'secret' } });
    // MD5("alice:sip.test:secret")
    const alice = addUA('alice', { ha1: '8a0d3c4d2f2c70a86c2fa3b12bd3a2d5', realm: 'sip.test' });
    const { createHash } = await import('node:crypto');
    const ha1 = createHash('md5').update('alice:sip.test:secret').digest('hex');
    const right = addUA('alice', { ha1, realm: 'sip.test' });
    alice.ua.start();
    right.ua.start();
    await flush();
    expect(alice.events).toContain('registrationFailed:Authentication Error');
    expect(right.events).toContain('registered');
    await stopAll();
  });

  it('gives up after exactly one retry with a wrong password', async () => {
    const { addUA, sent, stopAll } = createScenario({ users: { alice: 'secret' } });
    const alice = addUA('alice', { password: 'wrong' });
    alice.ua.start();
    await flush();
    expect(alice.events).toEqual([
      'connecting',
      'connected',
      'registrationFailed:Authentication Error',
    ]);
    expect(sent('REGISTER')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent('REGISTER')).toHaveLength(2);
    await stopAll();
  });

  it('names a challenge without any configured credentials "No Credentials", not a wrong password', async () => {
    const { addUA, sent, stopAll } = createScenario({ users: { alice: 'secret' } });
    const alice = addUA('alice', {});
    const failed: unknown[] = [];
    alice.ua.on('registrationFailed', ({ cause, response }) =>
      failed.push([cause, response?.status, response?.reason]),
    );
    alice.ua.start();
    await flush();
    expect(failed).toEqual([['No Credentials', 401, expect.any(String)]]);
    expect(sent('REGISTER')).toHaveLength(1);
    await stopAll();
  });

  it('refreshes 32 s before expiry on fake time, with the same Call-ID', async () => {
    const { addUA, sent, stopAll } = createScenario();
    const alice = addUA('alice', { register_expires: 300 });
    alice.ua.start();
    await flush();
    await vi.advanceTimersByTimeAsync(267_999);
    expect(sent('REGISTER')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const registers = sent('REGISTER');
    expect(registers).toHaveLength(2);
    expect(registers[1]?.callId).toBe(registers[0]?.callId);
    expect(registers[1]?.cseq.seq).toBe(2);
    await stopAll();
  });

  it('retries with Min-Expires after 423 Interval Too Brief', async () => {
    const { addUA, sent, stopAll } = createScenario({ minExpires: 120 });
    const alice = addUA('alice', { register_expires: 60 });
    alice.ua.start();
    await flush();
    expect(alice.events).toContain('registered');
    expect(sent('REGISTER').map((r) => r.header('expires'))).toEqual(['60', '120']);
    await stopAll();
  });

  it('sends Authorization: Bearer on every request and lets the app replace the token', async () => {
    const { addUA, sent, stopAll } = createScenario();
    const alice = addUA('alice', {
      authorization_jwt: 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln',
      register_expires: 60,
    });
    alice.ua.start();
    await flush();
    alice.ua.setAuthorizationJwt('eyJhbGciOiJIUzI1NiJ9.e30.bmV3');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sent('REGISTER').map((r) => r.header('authorization'))).toEqual([
      'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln',
      'Bearer eyJhbGciOiJIUzI1NiJ9.e30.bmV3',
    ]);
    expect(JSON.stringify(alice.ua.configuration)).not.toContain('c2ln');
    await stopAll();
  });

  it('reconnects after a cut connection and registers again', async () => {
    const { addUA, network, sent, stopAll } = createScenario();
    const alice = addUA('alice', {
      connection_recovery_min_interval: 2,
      connection_recovery_max_interval: 30,
    });
    alice.ua.start();
    await flush();
    network.cut(alice.socket);
    await flush();
    expect(alice.events).toContain('unregistered:Connection Error');
    expect(alice.ua.isRegistered()).toBe(false);
    // The first wait is jittered within [min, 2 min) (issue 19, finding 8).
    await vi.advanceTimersByTimeAsync(4_000);
    expect(alice.events.slice(-3)).toEqual(['connecting', 'connected', 'registered']);
    expect(sent('REGISTER')).toHaveLength(2);
    await stopAll();
  });

  it('fails a REGISTER in flight when the connection drops, and registers at once after reconnecting', async () => {
    const { addUA, network, sent, stopAll } = createScenario();
    const alice = addUA('alice', {
      connection_recovery_min_interval: 2,
      connection_recovery_max_interval: 3,
    });
    alice.ua.start();
    await flush();
    // The refresh is lost on its way and the connection drops before any answer.
    network.faults.drop(matches.request('REGISTER'), { times: 1 });
    alice.ua.register();
    await flush();
    network.cut(alice.socket);
    await flush();
    expect(alice.events).toContain('registrationFailed:Connection Error');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(alice.ua.isRegistered()).toBe(true);
    expect(sent('REGISTER')).toHaveLength(3);
    // Nothing waits for Timer F of the dead request any more.
    await vi.advanceTimersByTimeAsync(40_000);
    expect(alice.events.filter((e) => e.startsWith('registrationFailed'))).toHaveLength(1);
    await stopAll();
  });

  it('keeps recovering while the server is down, then registers when it is back', async () => {
    const { addUA, network, stopAll } = createScenario();
    const alice = addUA('alice');
    alice.ua.start();
    await flush();
    network.crash();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(alice.ua.isConnected()).toBe(false);
    network.restart();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(alice.ua.isRegistered()).toBe(true);
    await stopAll();
  });

  it('reports a registrar that never answers as a Request Timeout after Timer F', async () => {
    const { addUA, network, stopAll } = createScenario();
    network.faults.drop(matches.request('REGISTER'));
    const alice = addUA('alice');
    alice.ua.start();
    await vi.advanceTimersByTimeAsync(31_999);
    expect(alice.events).not.toContain('registrationFailed:Request Timeout');
    await vi.advanceTimersByTimeAsync(1);
    expect(alice.events).toContain('registrationFailed:Request Timeout');
    await stopAll();
  });

  // Issue 19, finding 9: the REGISTER that timed out was never sent again.
  it('retries a REGISTER that timed out with the recovery backoff, and registers', async () => {
    const { addUA, network, sent, stopAll } = createScenario();
    network.faults.drop(matches.request('REGISTER'), { times: 2 });
    const alice = addUA(
      'alice',
      { connection_recovery_min_interval: 2, connection_recovery_max_interval: 30 },
      { random: () => 0.5 },
    );
    alice.ua.start();
    await vi.advanceTimersByTimeAsync(32_000); // Timer F
    expect(alice.events.at(-1)).toBe('registrationFailed:Request Timeout');
    // First retry after (2 + 0.5 * (2.5 - 2)) s = 2.25 s; it is dropped too and times out.
    await vi.advanceTimersByTimeAsync(2_249);
    expect(sent('REGISTER')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent('REGISTER')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(32_000);
    // Second retry after (2 + 0.5 * (8 - 2)) s = 5 s; this one is answered.
    await vi.advanceTimersByTimeAsync(4_999);
    expect(sent('REGISTER')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(alice.events.filter((e) => e.startsWith('registration') || e === 'registered')).toEqual([
      'registrationFailed:Request Timeout',
      'registrationFailed:Request Timeout',
      'registered',
    ]);
    expect(alice.ua.isRegistered()).toBe(true);
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() during a REGISTER retry wait cancels it', async () => {
    const { addUA, network, sent } = createScenario();
    network.faults.drop(matches.request('REGISTER'), { times: 1 });
    const alice = addUA('alice', {}, { random: () => 0 });
    alice.ua.start();
    await vi.advanceTimersByTimeAsync(32_000);
    expect(alice.events.at(-1)).toBe('registrationFailed:Request Timeout');
    await alice.ua.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent('REGISTER')).toHaveLength(1);
  });

  it('registers again when started again after stop()', async () => {
    const { addUA, sent, stopAll } = createScenario();
    const alice = addUA('alice');
    alice.ua.start();
    await flush();
    const stopping = alice.ua.stop();
    await vi.advanceTimersByTimeAsync(2_000);
    await stopping;
    alice.ua.start();
    await flush();
    expect(alice.events.slice(-3)).toEqual(['connecting', 'connected', 'registered']);
    expect(alice.ua.isRegistered()).toBe(true);
    expect(sent('REGISTER').map((r) => r.header('expires'))).toEqual(['600', '0', '600']);
    await stopAll();
  });

  it('stop() unregisters, closes the socket and leaves no timer behind', async () => {
    const { addUA, network, sent } = createScenario();
    const alice = addUA('alice', { extra_headers: ['X-Test: 1'] });
    alice.ua.start();
    await flush();
    await alice.ua.stop();
    const registers = sent('REGISTER');
    expect(registers.at(-1)?.header('expires')).toBe('0');
    expect(registers.every((r) => r.header('x-test') === '1')).toBe(true);
    expect(alice.events.slice(-2)).toEqual(['unregistered', 'disconnected']);
    expect(network.openConnections).toBe(0);
    expect(alice.ua.status).toBe('stopped');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() with the first REGISTER still in flight lets it settle, then unregisters', async () => {
    const { addUA, network, sent } = createScenario();
    network.faults.delay(1000, matches.responseTo('REGISTER'), { times: 1 });
    const alice = addUA('alice');
    alice.ua.start();
    await flush();
    expect(sent('REGISTER')).toHaveLength(1);
    const stopping = alice.ua.stop();
    await vi.advanceTimersByTimeAsync(1_500);
    await stopping;
    expect(sent('REGISTER').map((r) => r.header('expires'))).toEqual(['600', '0']);
    expect(network.openConnections).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a UA that takes over a socket keeps its connection when the old UA stops', async () => {
    const { network } = createScenario();
    const socket = network.createSocket('alice');
    const first = new UA({ uri: 'sip:alice@sip.test', sockets: socket });
    first.start();
    await flush();
    expect(first.isRegistered()).toBe(true);
    const stopping = first.stop();
    const second = new UA({ uri: 'sip:alice@sip.test', sockets: socket });
    second.start();
    await vi.advanceTimersByTimeAsync(5_000);
    await stopping;
    expect(network.openConnections).toBe(1);
    expect(second.isConnected()).toBe(true);
    expect(second.isRegistered()).toBe(true);
    const ended = second.stop();
    await vi.advanceTimersByTimeAsync(2_000);
    await ended;
    expect(network.openConnections).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('unregister({ all: true }) removes every binding with Contact: *', async () => {
    const { addUA, proxy, sent, stopAll } = createScenario();
    const desk = addUA('bob');
    const mobile = addUA('bob');
    desk.ua.start();
    mobile.ua.start();
    await flush();
    expect(proxy.location.lookup('bob@sip.test')).toHaveLength(2);
    desk.ua.unregister({ all: true });
    await flush();
    expect(sent('REGISTER').at(-1)?.header('contact')).toBe('*');
    expect(proxy.location.lookup('bob@sip.test')).toHaveLength(0);
    await stopAll();
  });

  it('puts a preloaded Route on initial requests with use_preloaded_route', async () => {
    const { addUA, sent, stopAll } = createScenario();
    const alice = addUA('alice', { use_preloaded_route: true });
    alice.ua.start();
    await flush();
    expect(sent('REGISTER')[0]?.header('route')).toBe('<sip:sip.test;transport=ws;lr>');
    await stopAll();
  });
});
