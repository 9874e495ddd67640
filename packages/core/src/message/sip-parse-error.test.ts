import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseMessage, serializeRequest, SipParseError, SipSerializeError } from './index.js';
import type * as MessageLayer from './index.js';
import { caught } from '../diagnostics/testing/production-build.js';

// A production build folds `DEV ? text : code` to the code (diagnostics/dev-mode.ts); these load
// the message layer afresh with NODE_ENV=production to check that branch. Codes: docs/errors.
async function productionMessageLayer(): Promise<typeof MessageLayer> {
  vi.stubEnv('NODE_ENV', 'production');
  vi.resetModules();
  return import('./index.js');
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

const INVITE_WITHOUT_CSEQ = [
  'INVITE sip:bob@example.com SIP/2.0',
  'Via: SIP/2.0/WSS a.example;branch=z9hG4bK1',
  'From: <sip:alice@example.com>;tag=1',
  'To: <sip:bob@example.com>',
  'Call-ID: c1',
  '',
  '',
].join('\r\n');

describe('SipParseError texts', () => {
  it('development: a sentence with the location', () => {
    const error = caught(() => parseMessage(INVITE_WITHOUT_CSEQ));
    expect(error).toBeInstanceOf(SipParseError);
    expect(error).toMatchObject({ reason: 'missing cseq', header: 'cseq' });
    expect((error as Error).message).toBe('missing cseq (header cseq)');
  });

  it('production: a code; class, name and location fields unchanged', async () => {
    const production = await productionMessageLayer();
    const error = caught(() => production.parseMessage(INVITE_WITHOUT_CSEQ));
    expect(error).toBeInstanceOf(production.SipParseError);
    expect(error).toMatchObject({
      name: 'SipParseError',
      reason: 'parse.header-missing',
      header: 'cseq',
      message: 'parse.header-missing (header cseq)',
    });
  });

  it('production: a header value error keeps header, line and offset, and names the value', async () => {
    const production = await productionMessageLayer();
    const text = INVITE_WITHOUT_CSEQ.replace('Call-ID: c1', 'Call-ID: c1\r\nCSeq: 1 BYE');
    const error = caught(() => production.parseMessage(text));
    expect(error).toMatchObject({
      name: 'SipParseError',
      reason: 'parse.cseq-method BYE INVITE',
      header: 'cseq',
      line: 6,
    });
    const uri = caught(() => production.parseUri('sip:alice@example.com:99999'));
    expect(uri).toMatchObject({ reason: 'parse.port', offset: 22 });
  });
});

describe('SipSerializeError texts', () => {
  const injected = {
    method: 'OPTIONS',
    ruri: 'sip:bob@example.com',
    headers: [['Subject', 'hi\r\nEvil: 1']] as [string, string][],
  };

  it('development: field and sentence', () => {
    const error = caught(() => serializeRequest(injected));
    expect(error).toBeInstanceOf(SipSerializeError);
    expect((error as Error).message).toBe(
      'header value of Subject: contains CR, LF or a control character',
    );
  });

  it('production: field and code; the field property unchanged', async () => {
    const production = await productionMessageLayer();
    const error = caught(() => production.serializeRequest(injected));
    expect(error).toBeInstanceOf(production.SipSerializeError);
    expect(error).toMatchObject({
      name: 'SipSerializeError',
      field: 'header value of Subject',
      message: 'header value of Subject: serialize.control',
    });
  });
});
