import { describe, expect, it } from 'vitest';
import { deviceError, MediaChangeError } from './media-change-error.js';
import { useProductionBuild } from '../diagnostics/testing/production-build.js';

const named = (name: string): Error => Object.assign(new Error(name), { name });

describe('deviceError: getUserMedia / getDisplayMedia failures say what to change', () => {
  it.each([
    ['NotAllowedError', 'camera', 'not-allowed', 'constraints', /permission settings/],
    ['SecurityError', 'screen', 'not-allowed', 'getDisplayMedia', /pick a screen or window/],
    ['NotFoundError', 'camera', 'not-found', 'constraints', /connect one or loosen "constraints"/],
    ['OverconstrainedError', 'camera', 'not-found', 'constraints', /loosen/],
    ['NotReadableError', 'camera', 'not-readable', 'constraints', /other application/],
    ['TypeError', 'screen', 'not-supported', 'getDisplayMedia', /screen sharing failed/],
  ] as const)('%s (%s) -> %s', (name, source, problem, parameter, advice) => {
    const error = deviceError(named(name), source);
    expect(error).toBeInstanceOf(MediaChangeError);
    expect(error).toMatchObject({ name: 'MediaChangeError', problem, parameter });
    expect(error.message).toMatch(advice);
    expect((error.cause as Error).name).toBe(name);
  });

  it('passes a MediaChangeError through', () => {
    const error = new MediaChangeError('not-ready', 'session', 'later');
    expect(deviceError(error, 'camera')).toBe(error);
  });
});

describe('deviceError in a production build', () => {
  useProductionBuild();

  it('keeps class, name, problem, parameter and cause; the message is the documented code', async () => {
    const production = await import('./media-change-error.js');
    const error = production.deviceError(named('NotAllowedError'), 'screen');
    expect(error).toBeInstanceOf(production.MediaChangeError);
    expect(error).toMatchObject({
      name: 'MediaChangeError',
      problem: 'not-allowed',
      parameter: 'getDisplayMedia',
      message: 'media-change.not-allowed screen',
    });
    expect((error.cause as Error).name).toBe('NotAllowedError');
  });
});
