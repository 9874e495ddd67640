import { describe, expect, it } from 'vitest';
import { SipParseError } from './sip-parse-error.js';
import {
  parseCallId,
  parseCSeq,
  parseDeltaSeconds,
  parseMaxForwards,
  parseTokenList,
} from './basic-headers.js';
import { splitHeaderList } from './split-list.js';

describe('parseCSeq', () => {
  it('reads number and method, allowing leading zeros and LWS', () => {
    expect(parseCSeq('0009   INVITE')).toEqual({ seq: 9, method: 'INVITE' });
    expect(parseCSeq("139122385 !interesting-Method0123456789_*+`.%indeed'~")).toEqual({
      seq: 139122385,
      method: "!interesting-Method0123456789_*+`.%indeed'~",
    });
  });

  it.each([
    'INVITE',
    '1',
    '1INVITE',
    '2147483648 INVITE',
    '9292394834772304023312 OPTIONS',
    '1 INV ITE',
    '-1 BYE',
  ])('rejects %j', (text) => {
    expect(() => parseCSeq(text)).toThrow(SipParseError);
  });
});

describe('parseCallId', () => {
  it('accepts word characters with one @', () => {
    expect(parseCallId(' intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{ ')).toBe(
      'intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{',
    );
  });

  it.each(['', 'a b', 'a@b@c', '@a', 'a@', 'é'])('rejects %j', (text) => {
    expect(() => parseCallId(text)).toThrow(SipParseError);
  });
});

describe('numeric headers', () => {
  it('bounds Max-Forwards to 0-255 (RFC 3261 §20.22)', () => {
    expect(parseMaxForwards('0068')).toBe(68);
    expect(() => parseMaxForwards('256')).toThrow(SipParseError);
    expect(() => parseMaxForwards('1.0')).toThrow(SipParseError);
  });

  it('reads delta-seconds', () => {
    expect(parseDeltaSeconds(' 3600 ')).toBe(3600);
    expect(() => parseDeltaSeconds('10000000000000')).toThrow(SipParseError);
  });
});

describe('parseTokenList', () => {
  it('reads comma lists with LWS and allows an empty value', () => {
    expect(parseTokenList('100rel , timer,replaces')).toEqual(['100rel', 'timer', 'replaces']);
    expect(parseTokenList('  ')).toEqual([]);
  });

  it('rejects empty elements and non-tokens', () => {
    expect(() => parseTokenList('a,,b')).toThrow(SipParseError);
    expect(() => parseTokenList('a b')).toThrow(SipParseError);
  });
});

describe('splitHeaderList', () => {
  it('splits only outside quotes and <>', () => {
    expect(splitHeaderList('"a, \\"b," <sip:x;p=1,2>;q=1 , <sip:y>')).toEqual([
      '"a, \\"b," <sip:x;p=1,2>;q=1',
      '<sip:y>',
    ]);
  });

  it('drops empty items leniently and rejects them strictly', () => {
    expect(splitHeaderList(' ;;,,;;,; ')).toEqual([';;', ';;', ';']);
    expect(() => splitHeaderList('a,,b', true)).toThrow(SipParseError);
    expect(() => splitHeaderList('"a, b', true)).toThrow(SipParseError);
    expect(() => splitHeaderList('<a, b', true)).toThrow(SipParseError);
  });
});
