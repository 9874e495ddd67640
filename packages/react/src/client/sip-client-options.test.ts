import { describe, expect, it } from 'vitest';
import { sameUaRelevantOptions, type SipClientOptions } from './sip-client-options.js';

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

  it('compares iceRestart by value: an inline object keeps the UA, a changed field does not', () => {
    type UaOptions = NonNullable<SipClientOptions['uaOptions']>;
    const same = (a: UaOptions, b: UaOptions) =>
      sameUaRelevantOptions({ uaOptions: a }, { uaOptions: b });
    expect(same({ iceRestart: { deadline: 10 } }, { iceRestart: { deadline: 10 } })).toBe(true);
    expect(same({ iceRestart: false }, { iceRestart: false })).toBe(true);
    expect(same({ iceRestart: { deadline: 10 } }, { iceRestart: { deadline: 20 } })).toBe(false);
    expect(same({ iceRestart: { deadline: 10 } }, { iceRestart: false })).toBe(false);
    expect(same({}, { iceRestart: false })).toBe(false);
  });

  it('keep-alive and unload settings compare by value (the UA reads them once)', () => {
    type UaOptions = NonNullable<SipClientOptions['uaOptions']>;
    const same = (a: UaOptions, b: UaOptions) =>
      sameUaRelevantOptions({ uaOptions: a }, { uaOptions: b });
    const keepAlive: UaOptions = { keepAliveInterval: 25, keepAliveMethod: 'options' };
    expect(same(keepAlive, { ...keepAlive })).toBe(true);
    expect(same(keepAlive, { ...keepAlive, keepAliveMethod: 'crlf' })).toBe(false);
    expect(same(keepAlive, { ...keepAlive, keepAliveTimeout: 5 })).toBe(false);
    expect(same({ endCallsOnUnload: false }, { endCallsOnUnload: false })).toBe(true);
    expect(same({}, { endCallsOnUnload: false })).toBe(false);
  });
});
