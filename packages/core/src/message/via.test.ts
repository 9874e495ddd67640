import { describe, expect, it } from 'vitest';
import { SipParseError } from './sip-parse-error.js';
import { SipSerializeError } from './sip-serialize-error.js';
import { formatVia, parseVia, parseViaList } from './via.js';

describe('parseVia', () => {
  it('reads protocol, transport, sent-by and parameters', () => {
    const via = parseVia(
      'SIP/2.0/wss df7jal23ls0d.invalid:443;branch=z9hG4bKnashds7;rport;received=192.0.2.1',
    );
    expect(via).toMatchObject({
      protocol: 'SIP/2.0',
      transport: 'WSS',
      host: 'df7jal23ls0d.invalid',
      port: 443,
      branch: 'z9hG4bKnashds7',
    });
    expect({ ...via.params }).toEqual({
      branch: 'z9hG4bKnashds7',
      rport: '',
      received: '192.0.2.1',
    });
  });

  it('allows LWS around / ; = and before the port', () => {
    const via = parseVia('SIP  /   2.0  /UDP     192.0.2.2 : 5060 ;  branch  =   390skdjuw');
    expect(via).toMatchObject({
      protocol: 'SIP/2.0',
      transport: 'UDP',
      host: '192.0.2.2',
      port: 5060,
      branch: '390skdjuw',
    });
  });

  it('reads IPv6 sent-by and unbracketed IPv6 received', () => {
    const via = parseVia(
      'SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3;received=2001:db8::9:255',
    );
    expect(via.host).toBe('[2001:db8::9:1]');
    expect(via.port).toBe(6050);
    expect(via.params['received']).toBe('2001:db8::9:255');
  });

  it('reads comma-separated via-parms', () => {
    const vias = parseViaList(
      'SIP/2.0/TCP spindle.example.com ; branch = z9hG4bK9ikj8 , SIP/2.0/UDP 192.168.255.111;branch=z9hG4bK30239',
    );
    expect(vias.map((via) => [via.transport, via.host, via.branch])).toEqual([
      ['TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
      ['UDP', '192.168.255.111', 'z9hG4bK30239'],
    ]);
  });

  it('serializes to JSON with its parameters', () => {
    expect(JSON.parse(JSON.stringify(parseVia('SIP/2.0/UDP h;branch=b')))).toEqual({
      protocol: 'SIP/2.0',
      transport: 'UDP',
      host: 'h',
      branch: 'b',
      params: { branch: 'b' },
    });
  });

  it.each([
    ['a missing transport', 'SIP/2.0 host'],
    ['no space before sent-by', 'SIP/2.0/UDPhost'],
    ['empty parameters', 'SIP/2.0/UDP 192.0.2.15;;,;,,'],
    ['a bad port', 'SIP/2.0/UDP h:99999'],
    ['a trailing comma', 'SIP/2.0/UDP h,'],
    ['a missing host', 'SIP/2.0/UDP ;branch=1'],
  ])('rejects %s', (_what, text) => {
    expect(() => parseViaList(text)).toThrow(SipParseError);
  });

  it('requires exactly one value in parseVia', () => {
    expect(() => parseVia('SIP/2.0/UDP a, SIP/2.0/UDP b')).toThrow(SipParseError);
  });
});

describe('formatVia', () => {
  it('writes branch first, then the other parameters', () => {
    expect(
      formatVia({
        transport: 'WSS',
        host: 'x.invalid',
        branch: 'z9hG4bK1',
        params: { rport: '', branch: 'old' },
      }),
    ).toBe('SIP/2.0/WSS x.invalid;branch=z9hG4bK1;rport');
  });

  it('brackets IPv6 hosts and writes ports', () => {
    expect(formatVia({ transport: 'UDP', host: '::1', port: 5060 })).toBe('SIP/2.0/UDP [::1]:5060');
  });

  it('round-trips through parseVia', () => {
    const text = 'SIP/2.0/TCP [2001:db8::1]:5061;branch=z9hG4bKx;received=192.0.2.4';
    const via = parseVia(text);
    expect(formatVia(via)).toBe(text);
  });

  it.each([
    ['a host with CRLF', { transport: 'UDP', host: 'a\r\nX: 1' }],
    ['a bad transport', { transport: 'U DP', host: 'a' }],
    ['a bad protocol', { protocol: 'SIP/2.0/x', transport: 'UDP', host: 'a' }],
    ['a branch with CRLF', { transport: 'UDP', host: 'a', branch: 'z\r\n' }],
  ])('refuses %s', (_what, via) => {
    expect(() => formatVia(via)).toThrow(SipSerializeError);
  });
});
