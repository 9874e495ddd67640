import { describe, expect, it } from 'vitest';
import { systemClock } from './clock.js';
import { silentLogger } from './logger.js';
import { TransportError } from './transport-error.js';
import { resolveTransportOptions, type TransportOptions } from './transport-options.js';

describe('resolveTransportOptions', () => {
  it('fills in the defaults: recovery 2-30 s, keep-alive off, 10 s pong timeout, 5 s connect timeout', () => {
    expect(resolveTransportOptions()).toEqual({
      recovery: { min: 2, max: 30 },
      keepAliveInterval: 0,
      keepAliveTimeout: 10,
      connectTimeout: 5,
      clock: systemClock,
      random: Math.random,
      logger: silentLogger,
    });
  });

  it('keeps given values, including fractions of a second', () => {
    const options = resolveTransportOptions({
      connection_recovery_min_interval: 0.05,
      connection_recovery_max_interval: 0.05,
      keep_alive_interval: 0.5,
      keep_alive_timeout: 0.25,
      connect_timeout: 2.5,
    });
    expect(options.connectTimeout).toBe(2.5);
    expect(options.recovery).toEqual({ min: 0.05, max: 0.05 });
    expect(options.keepAliveInterval).toBe(0.5);
    expect(options.keepAliveTimeout).toBe(0.25);
  });

  it.each<[TransportOptions, string]>([
    [{ connection_recovery_min_interval: 0 }, 'connection_recovery_min_interval'],
    [{ connection_recovery_min_interval: -1 }, 'connection_recovery_min_interval'],
    [{ connection_recovery_max_interval: Number.NaN }, 'connection_recovery_max_interval'],
    [{ connection_recovery_max_interval: Infinity }, 'connection_recovery_max_interval'],
    [
      { connection_recovery_min_interval: 10, connection_recovery_max_interval: 5 },
      'must not be below',
    ],
    [{ keep_alive_interval: -5 }, 'keep_alive_interval'],
    [{ keep_alive_timeout: 0 }, 'keep_alive_timeout'],
    [{ keep_alive_timeout: '10' as unknown as number }, 'keep_alive_timeout'],
    [{ connect_timeout: -1 }, 'connect_timeout'],
    [{ connect_timeout: Number.NaN }, 'connect_timeout'],
    [{ connect_timeout: '5' as unknown as number }, 'connect_timeout'],
  ])('rejects %j', (options, message) => {
    let caught: unknown;
    try {
      resolveTransportOptions(options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TransportError);
    expect((caught as TransportError).code).toBe('invalid-option');
    expect((caught as TransportError).message).toContain(message);
  });
});
