import { describe, expect, it } from 'vitest';
import type { SessionContext } from './session-context.js';
import type { Session } from './session.js';
import { caught, useProductionBuild } from '../diagnostics/testing/production-build.js';

// A production build folds `DEV` to false (diagnostics/dev-mode.ts): the session's errors keep
// their class, name and fields, and their message becomes the code docs/errors/session.md lists.
describe('session errors in a production build', () => {
  useProductionBuild();

  it('a bad DTMF tone: RangeError with the code and the tone', async () => {
    const { splitTones } = await import('./dtmf-relay.js');
    expect(() => splitTones('12x')).toThrow(new RangeError('session.dtmf-tone-invalid X'));
  });

  it('a bad call option: TypeError with the code, the option and what it was', async () => {
    const { checkCallOptions } = await import('./caller-identity.js');
    expect(() => checkCallOptions({ fromDisplayName: 7 as unknown as string }, 90)).toThrow(
      new TypeError('session.option-not-string fromDisplayName number'),
    );
    expect(() => checkCallOptions({ sessionTimersExpires: 30 }, 90)).toThrow(
      new RangeError('session.session-timers-expires-invalid 30 min=90'),
    );
  });

  it('a bad iceRestart field: InvalidOptionError still names the field', async () => {
    const { checkIceRestart } = await import('./ice-restart-options.js');
    const { InvalidOptionError } = await import('../ua/invalid-option-error.js');
    const thrown = caught(() => checkIceRestart({ deadline: 0 }));
    expect(thrown).toBeInstanceOf(InvalidOptionError);
    expect(thrown).toMatchObject({ name: 'InvalidOptionError', parameter: 'iceRestart.deadline' });
    expect(thrown.message).toContain('session.ice-restart-invalid');
    expect(thrown.message).not.toContain('expected a number of seconds');
  });

  it('a log line: the code, then the error message after a space', async () => {
    const { CallCore } = await import('./call-core.js');
    const warnings: string[] = [];
    const context = {
      logger: { debug: () => undefined, warn: (line: string) => warnings.push(line) },
      onListenerError: () => undefined,
    } as unknown as SessionContext;
    const core = new CallCore({
      context,
      session: {} as Session,
      callId: 'c',
      localTag: 't',
      status: 'confirmed',
      remoteIdentity: { displayName: undefined, uri: 'sip:bob@example.com' },
      finish: () => undefined,
    });
    core.warn('session.no-offer', new Error('no camera'));
    core.warn('session.late-fork-answer');
    expect(warnings).toEqual(['session.no-offer no camera', 'session.late-fork-answer']);
  });
});
