import { describe, expect, it } from 'vitest';
import { NameAddrHeader } from './name-addr-header.js';
import { URI } from './uri.js';

describe('URI', () => {
  it('parses a SIP URI into JsSIP fields and prints it back', () => {
    const uri = URI.parse('sip:bob@example.com:5070;transport=ws;lr?subject=hi');
    expect(uri).toBeInstanceOf(URI);
    expect(uri?.scheme).toBe('sip');
    expect(uri?.user).toBe('bob');
    expect(uri?.host).toBe('example.com');
    expect(uri?.port).toBe(5070);
    expect(uri?.getParam('transport')).toBe('ws');
    expect(uri?.getParam('lr')).toBeNull();
    expect(uri?.hasParam('LR')).toBe(true);
    expect(uri?.getHeader('subject')).toEqual(['hi']);
    expect(uri?.toString()).toBe('sip:bob@example.com:5070;transport=ws;lr?Subject=hi');
    expect(uri?.toAor()).toBe('sip:bob@example.com');
  });

  it('returns undefined for text that is not a URI, as JsSIP does', () => {
    expect(URI.parse('not a uri')).toBeUndefined();
    expect(URI.parse('http://example.com')).toBeUndefined();
  });

  it('is mutable and clonable through JsSIP accessors', () => {
    const uri = new URI('sip', 'alice', 'example.com');
    uri.setParam('transport', 'ws');
    const copy = uri.clone();
    uri.deleteParam('transport');
    uri.user = 'carol';
    expect(uri.toString()).toBe('sip:carol@example.com');
    expect(copy.toString()).toBe('sip:alice@example.com;transport=ws');
    copy.clearParams();
    expect(copy.hasParam('transport')).toBe(false);
  });
});

describe('NameAddrHeader', () => {
  it('parses display name, URI and parameters', () => {
    const header = NameAddrHeader.parse('"Bob \\"B\\"" <sip:bob@example.com>;tag=abc');
    expect(header?.display_name).toBe('Bob "B"');
    expect(header?.uri.user).toBe('bob');
    expect(header?.getParam('tag')).toBe('abc');
    expect(header?.toString()).toBe('"Bob \\"B\\"" <sip:bob@example.com>;tag=abc');
  });

  it('has no display name when the header has none, and prints without one', () => {
    const header = NameAddrHeader.parse('<sip:alice@example.com>');
    expect(header?.display_name).toBeUndefined();
    expect(header?.toString()).toBe('<sip:alice@example.com>');
    expect(NameAddrHeader.parse('<<broken')).toBeUndefined();
  });

  it('requires a URI instance (JsSIP throws TypeError too)', () => {
    expect(() => new NameAddrHeader('sip:x@y' as unknown as URI)).toThrow(TypeError);
    const header = new NameAddrHeader(new URI('sip', 'x', 'y'), 'X');
    header.display_name = 'Y';
    expect(header.clone().toString()).toBe('"Y" <sip:x@y>');
  });
});
