import { describe, expect, it } from 'vitest';
import { sameUaRelevantOptions } from './sip-client-options.js';

describe('sameUaRelevantOptions', () => {
  it('a changed connectTimeout needs a new UA (the transport reads it once)', () => {
    expect(
      sameUaRelevantOptions(
        { uaOptions: { connectTimeout: 5 } },
        { uaOptions: { connectTimeout: 5 } },
      ),
    ).toBe(true);
    expect(
      sameUaRelevantOptions(
        { uaOptions: { connectTimeout: 5 } },
        { uaOptions: { connectTimeout: 2 } },
      ),
    ).toBe(false);
    expect(sameUaRelevantOptions({}, { uaOptions: { connectTimeout: 2 } })).toBe(false);
  });
});
