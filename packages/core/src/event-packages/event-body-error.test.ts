import { afterEach, describe, expect, it, vi } from 'vitest';
import { parsePresence } from './index.js';
import { caught } from '../diagnostics/testing/production-build.js';

// A production build folds `DEV ? text : code` to the code (diagnostics/dev-mode.ts): the error
// keeps its class, name, `body` and `offset`, only the message shortens (docs/errors/event.md).
afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

const unclosed = '<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b"><tuple id="t">';

describe('EventBodyError texts', () => {
  it('development: a sentence', () => {
    expect(() => parsePresence(unclosed)).toThrow(
      expect.objectContaining({ body: 'xml', message: expect.stringContaining('is not closed') }),
    );
  });

  it('production: body, code and offset; class and fields unchanged', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.resetModules();
    const production = await import('./index.js');
    const error = caught(() => production.parsePresence(unclosed));
    expect(error).toBeInstanceOf(production.EventBodyError);
    expect(error).toMatchObject({ name: 'EventBodyError', body: 'xml' });
    const { offset } = error as Error & { offset: number };
    expect(offset).toBeGreaterThan(0);
    expect(error.message).toBe(`xml: xml.unclosed tuple (at ${offset})`);
    expect(() =>
      production.parsePresence('<presence xmlns="urn:ietf:params:xml:ns:pidf"/>'),
    ).toThrow(new production.EventBodyError('presence', 'event.entity'));
  });
});
