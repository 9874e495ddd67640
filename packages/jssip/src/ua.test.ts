import { SipNetwork, SipProxyServer } from '@sipkit/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debug, debugLogger } from './debug.js';
import { ConfigurationError, NotReadyError } from './exceptions.js';
import { Message } from './message.js';
import { IncomingResponseView } from './sip-messages.js';
import { jssipScenario, WAIT } from './testing/jssip-scenario.js';
import { UA } from './ua.js';
import type { UAEventMap } from './ua-events.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  debug.disable();
});

function socket() {
  const proxy = new SipProxyServer({ host: 'sip.test' });
  return new SipNetwork({ endpoint: proxy, host: 'sip.test' }).createSocket('x');
}

describe('UA: configuration and state', () => {
  it('throws Exceptions.ConfigurationError naming the parameter, never holding a secret', () => {
    const bad = (): UA => new UA({ uri: 'not a uri', sockets: socket() });
    expect(bad).toThrow(ConfigurationError);
    try {
      bad();
    } catch (error) {
      expect((error as ConfigurationError).parameter).toBe('uri');
      expect((error as ConfigurationError).value).toBe('not a uri');
    }
    try {
      new UA({ uri: 'sip:a@sip.test', sockets: socket(), password: 42 as unknown as string });
    } catch (error) {
      expect((error as ConfigurationError).parameter).toBe('password');
      expect((error as ConfigurationError).value).toBeUndefined();
    }
  });

  it('call() before start() throws NotReadyError; status follows UA.C', () => {
    const ua = new UA({ uri: 'sip:a@sip.test', sockets: socket(), register: false });
    expect(ua.status).toBe(UA.C.STATUS_INIT);
    expect(() => ua.call('bob')).toThrow(NotReadyError);
    expect(ua.normalizeTarget('bob')?.toString()).toBe('sip:bob@sip.test');
  });

  it('registered carries a JsSIP response view', async () => {
    const { phones, stopAll } = await jssipScenario(['alice']);
    const registered = vi.fn((_event: UAEventMap['registered']) => undefined);
    phones['alice']!.ua.on('registered', registered);
    phones['alice']!.ua.register();
    await vi.waitFor(() => expect(registered).toHaveBeenCalled(), WAIT);
    const { response } = registered.mock.calls[0]![0];
    expect(response).toBeInstanceOf(IncomingResponseView);
    expect(response.status_code).toBe(200);
    expect(response.getHeader('Contact')).toMatch(/sip:/);
    expect(phones['alice']!.ua.status).toBe(UA.C.STATUS_READY);
    await stopAll();
    expect(phones['alice']!.ua.status).toBe(UA.C.STATUS_USER_CLOSED);
  });

  it('registrationExpiring reaches the app only while it listens, and then the app refreshes', async () => {
    const { phones, sent, stopAll } = await jssipScenario(['alice'], { register_expires: 600 });
    const ua = phones['alice']!.ua;
    // No listener: SipKit refreshes on its own (600 - 32 s).
    await vi.advanceTimersByTimeAsync(569_000);
    expect(sent('REGISTER').length).toBe(2);
    const expiring = vi.fn();
    ua.on('registrationExpiring', expiring);
    await vi.advanceTimersByTimeAsync(569_000);
    expect(expiring).toHaveBeenCalledTimes(1);
    expect(sent('REGISTER').length).toBe(2);
    ua.off('registrationExpiring', expiring);
    ua.register();
    await vi.advanceTimersByTimeAsync(569_000);
    expect(sent('REGISTER').length).toBe(4);
    await stopAll();
  });
});

describe('UA: run-time API', () => {
  it('set()/get() change and read parameters with JsSIP’s booleans; the password never comes back', async () => {
    const { phones, stopAll } = await jssipScenario(['alice']);
    const ua = phones['alice']!.ua;
    expect(ua.set('display_name', 'Alice L')).toBe(true);
    expect(ua.get('display_name')).toBe('Alice L');
    expect(ua.set('uri', 'sip:other@sip.test')).toBe(false);
    expect(ua.set('password', 'new-secret')).toBe(true);
    expect(ua.get('password')).toBeUndefined();
    await stopAll();
  });

  it('registrator() extra headers and Contact params shape the next REGISTER', async () => {
    const { phones, sent, stopAll } = await jssipScenario(['alice']);
    const ua = phones['alice']!.ua;
    ua.registrator().setExtraHeaders(['X-Push: token-1']);
    ua.registrator().setExtraContactParams({ 'pn-provider': 'fcm' });
    ua.register();
    await vi.waitFor(() => expect(sent('REGISTER')).toHaveLength(2), WAIT);
    const register = sent('REGISTER')[1]!;
    expect(register.header('X-Push')).toBe('token-1');
    expect(register.header('Contact')).toMatch(/;pn-provider=fcm/);
    await stopAll();
  });

  it('terminateSessions() ends every call; fromDisplayName reaches the callee’s remote_identity', async () => {
    const { phones, stopAll } = await jssipScenario(['alice', 'bob']);
    const failed = vi.fn();
    phones['alice']!.ua.call('bob', { fromDisplayName: 'Front Desk', eventHandlers: { failed } });
    await vi.waitFor(() => expect(phones['bob']!.sessions).toHaveLength(1), WAIT);
    expect(phones['bob']!.last().remote_identity.display_name).toBe('Front Desk');
    phones['alice']!.ua.terminateSessions();
    await vi.waitFor(() => expect(failed).toHaveBeenCalled(), WAIT);
    expect(failed.mock.calls[0]![0]).toMatchObject({ originator: 'local', cause: 'Canceled' });
    await stopAll();
  });
});

describe('UA: messages', () => {
  it('sendMessage returns the Message newMessage showed, then succeeded', async () => {
    const { phones, stopAll } = await jssipScenario(['alice', 'bob']);
    const local = vi.fn((_event: UAEventMap['newMessage']) => undefined);
    const remote = vi.fn((_event: UAEventMap['newMessage']) => undefined);
    phones['alice']!.ua.on('newMessage', local);
    phones['bob']!.ua.on('newMessage', remote);
    const succeeded = vi.fn();
    const message = phones['alice']!.ua.sendMessage('bob', 'hello', {
      eventHandlers: { succeeded },
    });
    expect(message).toBeInstanceOf(Message);
    expect(local.mock.calls[0]![0]).toMatchObject({ originator: 'local', message });
    expect(message.isInProgress()).toBe(true);
    await vi.waitFor(() => expect(succeeded).toHaveBeenCalled(), WAIT);
    expect(succeeded.mock.calls[0]![0].response.status_code).toBe(200);
    const received = remote.mock.calls[0]![0];
    expect(received.originator).toBe('remote');
    expect(received.message.body).toBe('hello');
    expect(received.message.direction).toBe('incoming');
    expect(received.message.remote_identity.uri.user).toBe('alice');
    expect(received.request?.method).toBe('MESSAGE');
    await stopAll();
  });

  it('sendOptions reports succeeded; a received MESSAGE cannot be rejected after its 200', async () => {
    const { phones, stopAll } = await jssipScenario(['alice', 'bob']);
    const succeeded = vi.fn();
    phones['alice']!.ua.sendOptions('bob', undefined, { eventHandlers: { succeeded } });
    await vi.waitFor(() => expect(succeeded).toHaveBeenCalled(), WAIT);
    expect(succeeded.mock.calls[0]![0].response.status_code).toBe(200);
    const received = vi.fn((_event: UAEventMap['newMessage']) => undefined);
    phones['bob']!.ua.on('newMessage', received);
    phones['alice']!.ua.sendMessage('bob', 'hi');
    await vi.waitFor(() => expect(received).toHaveBeenCalled(), WAIT);
    const { message } = received.mock.calls[0]![0];
    expect(() => message.accept()).not.toThrow();
    expect(() => message.reject()).toThrow(/200 OK/);
    await stopAll();
  });

  it('a throwing succeeded/failed listener is logged, not left as an unhandled rejection', async () => {
    const { phones, stopAll } = await jssipScenario(['alice', 'bob']);
    debug.enable('JsSIP:ERROR:*');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const bug = new Error('app bug');
    const thrower = (): never => {
      throw bug;
    };
    phones['alice']!.ua.sendOptions('bob', undefined, { eventHandlers: { succeeded: thrower } });
    phones['alice']!.ua.sendMessage('nobody', 'hi', { eventHandlers: { failed: thrower } });
    await vi.waitFor(() => expect(logged).toHaveBeenCalledTimes(2), WAIT);
    expect(logged).toHaveBeenCalledWith('JsSIP:ERROR:UA ua: an options listener threw', bug);
    expect(logged).toHaveBeenCalledWith('JsSIP:ERROR:UA ua: a message listener threw', bug);
    logged.mockRestore();
    await stopAll();
  });

  it('a MESSAGE nobody can take fails with a JsSIP cause', async () => {
    const { phones, stopAll } = await jssipScenario(['alice']);
    const message = phones['alice']!.ua.sendMessage('nobody', 'hello');
    const failed = vi.fn();
    message.on('failed', failed);
    await vi.waitFor(() => expect(failed).toHaveBeenCalled(), WAIT);
    expect(failed.mock.calls[0]![0]).toMatchObject({ originator: 'remote', cause: 'Not Found' });
    await stopAll();
  });
});

describe('debug', () => {
  it('writes log lines under JsSIP namespaces only while enabled', () => {
    const sink = { debug: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const logger = debugLogger(sink);
    logger.debug('connecting');
    expect(sink.debug).not.toHaveBeenCalled();
    debug.enable('JsSIP:*');
    logger.debug('connecting', 1);
    logger.error('boom');
    expect(sink.debug).toHaveBeenCalledWith('JsSIP:UA connecting', 1);
    expect(sink.error).toHaveBeenCalledWith('JsSIP:ERROR:UA boom');
    debug.enable('JsSIP:WARN:*');
    logger.debug('quiet');
    expect(sink.debug).toHaveBeenCalledTimes(1);
    expect(debug.disable()).not.toBe('');
    logger.warn('after');
    expect(sink.warn).not.toHaveBeenCalled();
  });
});
