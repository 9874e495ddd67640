import { describe, expect, it } from 'vitest';
import { SipParseError } from './sip-parse-error.js';
import { parseContact, parseContactList } from './contact.js';
import { parseContentType } from './content-type.js';
import { parseEvent, parseSubscriptionState } from './event.js';
import { parseNameAddr } from './name-addr.js';
import { parseReasonList } from './reason.js';
import { parseReplaces } from './replaces.js';
import { parseRouteList } from './route.js';
import { parseMinSe, parseSessionExpires } from './session-timer.js';

describe('Contact', () => {
  it('decodes expires, q, +sip.instance, reg-id and GRUUs', () => {
    const contact = parseContact(
      '<sip:alice@pc33.example.com;transport=ws;ob>;expires=3600;q=0.7;+sip.instance="<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>";reg-id=1;pub-gruu="sip:alice@example.com;gr=urn:uuid:f81d";temp-gruu="sip:tgruu.7hs==@example.com;gr"',
    );
    expect(contact).toMatchObject({
      expires: 3600,
      q: 0.7,
      instance: '<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>',
      regId: 1,
      pubGruu: 'sip:alice@example.com;gr=urn:uuid:f81d',
      tempGruu: 'sip:tgruu.7hs==@example.com;gr',
    });
    expect(contact.uri.params['ob']).toBe('');
  });

  it('leaves absent parameters undefined', () => {
    expect(parseContact('sip:a@b')).toMatchObject({
      expires: undefined,
      q: undefined,
      instance: undefined,
      regId: undefined,
    });
  });

  it('reads lists, with commas inside quotes left alone', () => {
    const list = parseContactList('"Doe, John" <sip:j@a;x=1>;expires=0, sip:k@b ;q=1.000');
    expect(list.wildcard).toBe(false);
    expect(list.contacts.map((c) => [c.displayName, c.uri.user, c.expires, c.q])).toEqual([
      ['Doe, John', 'j', 0, undefined],
      [undefined, 'k', undefined, 1],
    ]);
  });

  it('reads the * wildcard', () => {
    expect(parseContactList(' * ')).toEqual({ wildcard: true, contacts: [] });
  });

  it.each([
    '<sip:a@b>;q=1.5',
    '<sip:a@b>;q=0.1234',
    '<sip:a@b>;expires=soon',
    '<sip:a@b>,',
    '<name:John_Smith>',
  ])('rejects %j', (text) => {
    expect(() => parseContactList(text)).toThrow(SipParseError);
  });
});

describe('Route / Record-Route', () => {
  it('reads name-addr lists', () => {
    const routes = parseRouteList(
      '<sip:p1.example.com;lr>,<sip:198.51.100.10:7443;transport=ws;r2=on;lr>',
    );
    expect(routes.map((r) => [r.uri.host, r.uri.port, r.uri.params['lr']])).toEqual([
      ['p1.example.com', undefined, ''],
      ['198.51.100.10', 7443, ''],
    ]);
  });

  it('requires <>', () => {
    expect(() => parseRouteList('sip:p1.example.com;lr')).toThrow(SipParseError);
  });
});

describe('Session-Expires and Min-SE (RFC 4028)', () => {
  it('reads delta and refresher', () => {
    expect(parseSessionExpires('1800 ; Refresher = UAC')).toMatchObject({
      delta: 1800,
      refresher: 'uac',
    });
    expect(parseSessionExpires('90').refresher).toBeUndefined();
    expect(parseMinSe(' 90 ').delta).toBe(90);
  });

  it('rejects non-numbers', () => {
    expect(() => parseSessionExpires('soon;refresher=uac')).toThrow(SipParseError);
    expect(() => parseMinSe('90 x')).toThrow(SipParseError);
  });
});

describe('Content-Type', () => {
  it('lowercases type/subtype and unquotes parameters', () => {
    expect(
      parseContentType('Multipart/Mixed ; Boundary="unique-boundary-1";charset=UTF-8'),
    ).toEqual({
      type: 'multipart',
      subtype: 'mixed',
      mediaType: 'multipart/mixed',
      params: { boundary: 'unique-boundary-1', charset: 'UTF-8' },
    });
  });

  it.each(['application', 'application/', '/sdp', 'text/html;charset', 'a/b c'])(
    'rejects %j',
    (text) => {
      expect(() => parseContentType(text)).toThrow(SipParseError);
    },
  );
});

describe('Event and Subscription-State (RFC 6665)', () => {
  it('reads Event type and id', () => {
    expect(parseEvent('Presence.WINFO;id=7')).toMatchObject({ type: 'presence.winfo', id: '7' });
    expect(parseEvent('refer').id).toBeUndefined();
  });

  it('reads Subscription-State parameters', () => {
    expect(parseSubscriptionState('Terminated;reason=Timeout;retry-after=30')).toMatchObject({
      state: 'terminated',
      reason: 'timeout',
      retryAfter: 30,
      expires: undefined,
    });
    expect(parseSubscriptionState('active;expires=600').expires).toBe(600);
    expect(() => parseSubscriptionState('active;expires=x')).toThrow(SipParseError);
  });
});

describe('Reason (RFC 3326)', () => {
  it('reads protocol, cause and unquoted text', () => {
    expect(
      parseReasonList(
        'SIP ;cause=200 ;text="Call completed elsewhere", Q.850;cause=16;text="Normal \\"clearing\\""',
      ),
    ).toMatchObject([
      { protocol: 'SIP', cause: 200, text: 'Call completed elsewhere' },
      { protocol: 'Q.850', cause: 16, text: 'Normal "clearing"' },
    ]);
  });

  it('rejects a non-numeric cause', () => {
    expect(() => parseReasonList('SIP;cause=abc')).toThrow(SipParseError);
  });
});

describe('Refer-To and Replaces', () => {
  it('decodes an escaped Replaces header inside Refer-To (RFC 3515, RFC 3891)', () => {
    const referTo = parseNameAddr(
      '<sip:bob@biloxi.example.com?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994>',
    );
    const replaces = referTo.uri.headers['Replaces'];
    expect(replaces).toBe('12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994');
    expect(parseReplaces(replaces ?? '')).toMatchObject({
      callId: '12345@192.168.118.3',
      toTag: '12345',
      fromTag: '5FFE-3994',
      earlyOnly: false,
    });
  });

  it('reads early-only', () => {
    expect(
      parseReplaces('98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff;early-only').earlyOnly,
    ).toBe(true);
  });

  it('requires both tags', () => {
    expect(() => parseReplaces('a@b;to-tag=1')).toThrow(SipParseError);
    expect(() => parseReplaces(';to-tag=1;from-tag=2')).toThrow(SipParseError);
  });
});
