import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anonymityHeaders, anonymousFrom } from './anonymous-identity.js';
import { dtmfRelayBody, parseDtmfRelay, splitTones } from './dtmf-relay.js';
import { glareRetryDelay } from './glare-delay.js';
import { canTransition, isEstablished, isPreAnswer } from './session-status.js';
import { parseSipfrag, sipfragBody } from './sipfrag.js';

describe('session status machine', () => {
  it('allows the transitions of a call and nothing after terminated', () => {
    expect(canTransition('connecting', 'ringing')).toBe(true);
    expect(canTransition('ringing', 'early')).toBe(true);
    expect(canTransition('early', 'answered')).toBe(true);
    expect(canTransition('answered', 'confirmed')).toBe(true);
    expect(canTransition('confirmed', 'ringing')).toBe(false);
    expect(canTransition('answered', 'early')).toBe(false);
    expect(canTransition('terminated', 'confirmed')).toBe(false);
    expect(isPreAnswer('early') && !isPreAnswer('answered')).toBe(true);
    expect(isEstablished('confirmed') && !isEstablished('ringing')).toBe(true);
  });
});

describe('glareRetryDelay (RFC 3261 §14.1)', () => {
  it('keeps the owner of the Call-ID in 2.1-4 s and the other side in 0-2 s, in 10 ms units', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (owner, r) => {
          const delay = glareRetryDelay(owner, () => r);
          expect(delay % 10).toBe(0);
          if (owner) expect(delay >= 2100 && delay <= 4000).toBe(true);
          else expect(delay >= 0 && delay <= 2000).toBe(true);
        },
      ),
    );
    expect(glareRetryDelay(true, () => 0)).toBe(2100);
    expect(glareRetryDelay(false, () => 0.999999)).toBe(2000);
  });
});

describe('dtmf-relay bodies', () => {
  it('writes and reads the common format, tolerant of case, spacing and line endings', () => {
    expect(dtmfRelayBody({ tone: '#', duration: 160 })).toBe('Signal=#\r\nDuration=160\r\n');
    expect(parseDtmfRelay('Signal=5\r\nDuration=250\r\n')).toEqual({ tone: '5', duration: 250 });
    expect(parseDtmfRelay('signal = a\nduration= x')).toEqual({ tone: 'A', duration: 100 });
    expect(parseDtmfRelay('Signal=55')).toBeUndefined();
    expect(parseDtmfRelay('')).toBeUndefined();
  });

  it('never throws on arbitrary bodies', () => {
    fc.assert(fc.property(fc.string(), (body) => void parseDtmfRelay(body)));
  });

  it('splits tone strings and refuses characters that are not tones', () => {
    expect(splitTones('12a#,*')).toEqual(['1', '2', 'A', '#', ',', '*']);
    expect(() => splitTones('1x')).toThrow(RangeError);
  });
});

describe('sipfrag (RFC 3515 §2.4.5)', () => {
  it('reads the status line and writes one', () => {
    expect(parseSipfrag('SIP/2.0 180 Ringing\r\nVia: x\r\n')).toEqual({
      status: 180,
      reason: 'Ringing',
    });
    expect(parseSipfrag('SIP/2.0 200')).toEqual({ status: 200, reason: '' });
    expect(parseSipfrag('INVITE sip:x SIP/2.0')).toBeUndefined();
    expect(sipfragBody(503, 'Service\r\nUnavailable')).toBe('SIP/2.0 503 Service  Unavailable\r\n');
  });
});

describe('anonymous identity (RFC 3323)', () => {
  it('hides the caller in From and asks for privacy', () => {
    expect(anonymousFrom('t1')).toBe('"Anonymous" <sip:anonymous@anonymous.invalid>;tag=t1');
    expect(anonymityHeaders('<sip:alice@example.com>')).toEqual([
      ['Privacy', 'id'],
      ['P-Preferred-Identity', '<sip:alice@example.com>'],
    ]);
  });
});
