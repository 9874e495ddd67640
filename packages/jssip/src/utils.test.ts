import { describe, expect, it, vi } from 'vitest';
import { C } from './constants.js';
import { Grammar } from './grammar.js';
import { URI } from './uri.js';
import { Utils } from './utils.js';

describe('Utils', () => {
  it('closeMediaStream stops every track and accepts a missing stream', () => {
    const tracks = [{ stop: vi.fn() }, { stop: vi.fn() }];
    Utils.closeMediaStream({ getTracks: () => tracks as unknown as MediaStreamTrack[] });
    expect(tracks.every((track) => track.stop.mock.calls.length === 1)).toBe(true);
    expect(() => Utils.closeMediaStream(undefined)).not.toThrow();
    expect(() => Utils.closeMediaStream(null)).not.toThrow();
  });

  it('normalizeTarget completes users and numbers in the domain and refuses non-SIP targets', () => {
    expect(Utils.normalizeTarget('bob', 'example.com')?.toString()).toBe('sip:bob@example.com');
    expect(Utils.normalizeTarget('sip:carol@other.example')?.host).toBe('other.example');
    expect(Utils.normalizeTarget('http://example.com', 'example.com')).toBeUndefined();
    const uri = new URI('sip', 'x', 'y');
    expect(Utils.normalizeTarget(uri)).toBe(uri);
  });

  it('has the small helpers JsSIP exports', () => {
    expect(Utils.newTag()).toMatch(/^\S{6,}$/);
    expect(Utils.newUUID()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(Utils.createRandomToken(12)).toHaveLength(12);
    expect(Utils.headerize('x-my-header')).toBe('X-My-Header');
    expect(Utils.headerize('call-id')).toBe('Call-ID');
    expect(Utils.escapeUser('alice smith')).toBe('alice%20smith');
    expect(Utils.str_utf8_length('é')).toBe(2);
    expect(Utils.isDecimal('3')).toBe(true);
    expect(Utils.isDecimal('x')).toBe(false);
    expect(Utils.isEmpty([])).toBe(true);
    expect(Utils.hostType('[::1]')).toBe('IPv6');
    expect(Utils.hostType('10.0.0.1')).toBe('IPv4');
    expect(Utils.hostType('example.com')).toBe('hostname');
    expect(Utils.sipErrorCause(486)).toBe(C.causes.BUSY);
    expect(Utils.getRandomTestNetIP()).toMatch(/^198\.51\.100\.\d{1,3}$/);
    expect(Utils.hasMethods({ a: () => 1 }, 'a')).toBe(true);
    expect(Utils.cloneObject({ a: [1] })).toEqual({ a: [1] });
  });
});

describe('C and Grammar', () => {
  it('has JsSIP cause strings, methods and reason phrases', () => {
    expect(C.causes.BYE).toBe('Terminated');
    expect(C.causes.USER_DENIED_MEDIA_ACCESS).toBe('User Denied Media Access');
    expect(C.REASON_PHRASE[486]).toBe('Busy Here');
    expect(C.DTMF_TRANSPORT.INFO).toBe('INFO');
    expect(C.SIP_ERROR_CAUSES.BUSY).toContain(486);
  });

  it('parses SIP URIs and name-addrs, -1 on mismatch', () => {
    expect(Grammar.parse('sip:bob@example.com', 'SIP_URI')).toBeInstanceOf(URI);
    expect(Grammar.parse('nonsense', 'SIP_URI')).toBe(-1);
    expect(Grammar.parse('"B" <sip:b@x>', 'NameAddrHeader')).not.toBe(-1);
  });
});
