import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FakeSocket } from '../transport/testing/fake-socket.js';
import { InvalidOptionError } from '../ua/invalid-option-error.js';
import { UA } from '../ua/ua.js';
import { checkIceRestart, DEFAULT_ICE_RESTART, resolveIceRestart } from './ice-restart-options.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('iceRestart option', () => {
  it.each([
    [{ gracePeriod: -1 }, 'iceRestart.gracePeriod'],
    [{ gracePeriod: Number.NaN }, 'iceRestart.gracePeriod'],
    [{ deadline: 0 }, 'iceRestart.deadline'],
    [{ deadline: '30' }, 'iceRestart.deadline'],
    [{ attempts: 0 }, 'iceRestart.attempts'],
    [{ attempts: 1.5 }, 'iceRestart.attempts'],
    [true, 'iceRestart'],
    [[], 'iceRestart'],
    [null, 'iceRestart'],
  ])('refuses %j with an InvalidOptionError naming %s', (value, parameter) => {
    const error = thrown(() => checkIceRestart(value));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).parameter).toBe(parameter);
    expect((error as Error).message).toMatch(/expected/);
  });

  it('accepts false, nothing, and fractions of seconds', () => {
    expect(() => checkIceRestart(false)).not.toThrow();
    expect(() => checkIceRestart(undefined)).not.toThrow();
    expect(() => checkIceRestart({ gracePeriod: 0, deadline: 0.5, attempts: 1 })).not.toThrow();
  });

  it('new UA() refuses a bad UA-wide iceRestart before anything starts', () => {
    const error = thrown(
      () =>
        new UA(
          { uri: 'sip:alice@example.com', sockets: new FakeSocket('wss://sip.example.com') },
          { iceRestart: { attempts: -2 } },
        ),
    );
    expect((error as InvalidOptionError).parameter).toBe('iceRestart.attempts');
  });

  it('resolves defaults, the UA over them and the call over the UA, in milliseconds', () => {
    expect(resolveIceRestart(undefined, undefined)).toEqual({
      gracePeriod: 2000,
      deadline: 30_000,
      attempts: 5,
    });
    expect(resolveIceRestart({ deadline: 10 }, { gracePeriod: 1, deadline: 20 })).toEqual({
      gracePeriod: 1000,
      deadline: 10_000,
      attempts: 5,
    });
    expect(resolveIceRestart(false, { deadline: 20 })).toBe(false);
    expect(resolveIceRestart(undefined, false)).toBe(false);
    // A call that asks for recovery gets it even when the UA turned it off.
    expect(resolveIceRestart({ attempts: 2 }, false)).toEqual({
      gracePeriod: 2000,
      deadline: 30_000,
      attempts: 2,
    });
  });

  it('docs/configuration.md documents each field with the default the code applies', () => {
    const reference = readFileSync(
      new URL('../../../../docs/configuration.md', import.meta.url),
      'utf8',
    );
    for (const [field, value] of Object.entries(DEFAULT_ICE_RESTART)) {
      const row = new RegExp(`^\\| \`iceRestart\\.${field}\` \\| [^|]+ \\| \`([^\`]+)\` \\|`, 'm');
      expect(row.exec(reference)?.[1], field).toBe(String(value));
      // The parameter an InvalidOptionError names is the one the row shows.
      const error = thrown(() => checkIceRestart({ [field]: -1 }));
      expect((error as InvalidOptionError).parameter).toBe(`iceRestart.${field}`);
    }
  });
});
