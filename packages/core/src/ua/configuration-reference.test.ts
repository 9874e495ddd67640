import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FakeSocket } from '../transport/testing/fake-socket.js';
import { ConfigurationError } from './configuration-error.js';
import { normalizeConfiguration } from './normalize-configuration.js';

// docs/configuration.md is the reference users read (the README links it): every parameter the
// UA accepts must have its row there, and nothing else may, or the docs drift from the code.
const REFERENCE = readFileSync(
  new URL('../../../../docs/configuration.md', import.meta.url),
  'utf8',
);
const documented = [...REFERENCE.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((match) => match[1]);

describe('docs/configuration.md', () => {
  it('has one row for each parameter the UA accepts, and no other', () => {
    const { configuration } = normalizeConfiguration({
      uri: 'sip:alice@example.com',
      sockets: new FakeSocket('wss://sip.example.com'),
    });
    expect([...documented].sort()).toEqual(Object.keys(configuration).sort());
  });

  it('documents the defaults the code applies', () => {
    const { configuration } = normalizeConfiguration({
      uri: 'sip:alice@example.com',
      sockets: new FakeSocket('wss://sip.example.com'),
    });
    const defaultOf = (key: string): string | undefined =>
      new RegExp(`^\\| \`${key}\` \\| [^|]+ \\| \`([^\`]+)\` \\|`, 'm').exec(REFERENCE)?.[1];
    for (const key of [
      'register',
      'register_expires',
      'connection_recovery_min_interval',
      'connection_recovery_max_interval',
      'use_preloaded_route',
      'no_answer_timeout',
      'session_timers',
      'session_timers_force_refresher',
    ] as const) {
      expect(defaultOf(key), key).toBe(String(configuration[key]));
    }
    expect(defaultOf('session_timers_refresh_method')).toBe(
      `'${configuration.session_timers_refresh_method}'`,
    );
  });

  it('names the parameter a rejected unknown key reports', () => {
    const error = (() => {
      try {
        normalizeConfiguration({
          uri: 'sip:a@b',
          sockets: new FakeSocket('wss://sip.example.com'),
          register_expire: 60,
        });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).parameter).toBe('register_expire');
    expect(REFERENCE).toContain('`register_expire`');
  });
});
