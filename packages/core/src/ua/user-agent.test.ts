import { describe, expect, it } from 'vitest';
import { WebSocketInterface } from '../transport/index.js';
import { ConfigurationError } from './configuration-error.js';
import { InvalidOptionError } from './invalid-option-error.js';
import { UA } from './ua.js';
import type { UAOptions } from './ua-options.js';
import { UserAgent } from './user-agent.js';

const configuration = () => ({
  uri: 'sip:alice@example.com',
  password: 'secret',
  sockets: new WebSocketInterface('wss://sip.example.com'),
});

// A UA builds its transport, transactions and registration on first use (idle ones are cheap);
// none of that may change what construction checks or what a UA not started reports.
describe('a UA that is not started', () => {
  it('still refuses bad options when constructed', () => {
    expect(() => new UserAgent(configuration(), { keepAliveInterval: -1 })).toThrow(
      /keepAliveInterval/,
    );
    expect(() => new UA(configuration(), { timers: { t1: 5000, t2: 4000 } })).toThrow(/t1/);
  });

  it.each([-1, Number.NaN, Infinity])(
    'refuses connectTimeout %s with an InvalidOptionError naming it',
    (connectTimeout) => {
      let caught: unknown;
      try {
        new UA(configuration(), { connectTimeout });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidOptionError);
      expect((caught as InvalidOptionError).parameter).toBe('connectTimeout');
      expect((caught as InvalidOptionError).message).toContain('number of seconds, 0 or more');
    },
  );

  it.each([
    [{ keepAliveMethod: 'OPTIONS' }, 'keepAliveMethod', "'crlf' or 'options'"],
    [{ keepAliveTimeout: 0 }, 'keepAliveTimeout', 'above 0'],
    [{ keepAliveInterval: Number.NaN }, 'keepAliveInterval', 'number of seconds'],
    [{ endCallsOnUnload: 'no' }, 'endCallsOnUnload', 'true or false'],
  ])('refuses %j with an InvalidOptionError naming it', (options, parameter, advice) => {
    let caught: unknown;
    try {
      new UA(configuration(), options as UAOptions);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidOptionError);
    expect((caught as InvalidOptionError).parameter).toBe(parameter);
    expect((caught as InvalidOptionError).message).toContain(advice);
  });

  it('accepts the keep-alive and unload options it documents', () => {
    expect(
      () =>
        new UA(configuration(), {
          keepAliveInterval: 25,
          keepAliveTimeout: 5,
          keepAliveMethod: 'options',
          endCallsOnUnload: false,
          pageLifecycle: null,
        }),
    ).not.toThrow();
  });

  it('accepts connectTimeout 0 (no timeout of its own) and fractions', () => {
    expect(() => new UA(configuration(), { connectTimeout: 0 })).not.toThrow();
    expect(() => new UA(configuration(), { connectTimeout: 2.5 })).not.toThrow();
  });

  it('answers as a UA that never connected', () => {
    const ua = new UA(configuration());
    expect(ua.status).toBe('ready');
    expect(ua.isConnected()).toBe(false);
    expect(ua.isRegistered()).toBe(false);
    expect(ua.sessions).toEqual([]);
    expect(() => ua.call('sip:bob@example.com')).toThrow('cannot call: the UA is ready');
  });

  it('stops as a no-op, and keeps its configuration', async () => {
    const ua = new UserAgent(configuration());
    await ua.stop();
    expect(ua.status).toBe('ready');
    expect(ua.configuration.uri).toBe('sip:alice@example.com');
    expect(JSON.stringify(ua.configuration)).not.toContain('secret');
  });
});

describe('a socket built from a bad URL', () => {
  it('is a ConfigurationError for sockets from new UA(), not a throw where the socket is built', () => {
    const sockets = new WebSocketInterface('https://sip.example.com/ws');
    let caught: unknown;
    try {
      new UA({ ...configuration(), sockets });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    expect((caught as ConfigurationError).parameter).toBe('sockets');
    expect((caught as ConfigurationError).message).toContain('"https://sip.example.com/ws"');
    expect((caught as ConfigurationError).message).toContain('ws: or wss:');
  });
});
