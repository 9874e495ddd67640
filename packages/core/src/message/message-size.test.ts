// The size limit and linear-time behaviour: a message at the 256 KiB limit parses (and its
// lazily parsed headers read) in linear time; anything larger is refused before any scanning.
import { describe, expect, it } from 'vitest';
import { SipParseError } from './sip-parse-error.js';
import { DEFAULT_MAX_MESSAGE_SIZE, parseMessage } from './parse-message.js';

const HEAD = [
  'INVITE sip:bob@example.com SIP/2.0',
  'Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK1',
  'From: <sip:alice@example.com>;tag=1',
  'To: <sip:bob@example.com>',
  'Call-ID: big',
  'CSeq: 1 INVITE',
];

/** A message of exactly `size` code units: the head, `lines` up to the size, then the blank line. */
function messageOfSize(size: number, line: (index: number) => string): string {
  const lines = [...HEAD];
  let length = HEAD.join('\r\n').length + 2 + 2;
  for (let index = 0; ; index++) {
    const next = line(index);
    if (length + next.length + 2 > size) break;
    lines.push(next);
    length += next.length + 2;
  }
  const text = `${lines.join('\r\n')}\r\n\r\n`;
  return text + 'x'.repeat(size - text.length);
}

/** Milliseconds `run` takes (best of two, to be kind to a busy CI machine). */
function timeOf(run: () => void): number {
  let best = Infinity;
  for (let round = 0; round < 2; round++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe('message size', () => {
  it('parses a message of many headers at exactly the limit', () => {
    const text = messageOfSize(DEFAULT_MAX_MESSAGE_SIZE, (i) => `X-Header-${i}: value number ${i}`);
    expect(text.length).toBe(DEFAULT_MAX_MESSAGE_SIZE);
    const elapsed = timeOf(() => {
      const msg = parseMessage(text);
      expect(msg.rawHeaders.length).toBeGreaterThan(7000);
      expect(msg.header('x-header-7000')).toBe('value number 7000');
    });
    // Linear work on 256 KiB takes a few milliseconds; quadratic work would take minutes.
    expect(elapsed).toBeLessThan(1500);
  });

  it('refuses one code unit more, and huge inputs, without scanning them', () => {
    const text = messageOfSize(
      DEFAULT_MAX_MESSAGE_SIZE + 1,
      (i) => `X-Header-${i}: value number ${i}`,
    );
    expect(() => parseMessage(text)).toThrow(SipParseError);
    const huge = 'A'.repeat(64 * 1024 * 1024);
    expect(timeOf(() => expect(() => parseMessage(huge)).toThrow(/larger than/))).toBeLessThan(50);
  });

  it.each([
    [
      '10,000 Vias in one header',
      () => `Via: ${Array.from({ length: 9000 }, (_v, i) => `SIP/2.0/UDP h${i}`).join(',')}`,
    ],
    [
      'a Contact list of thousands',
      () => `Contact: ${Array.from({ length: 9000 }, (_v, i) => `<sip:u${i}@h>`).join(',')}`,
    ],
    ['a value of unbalanced quotes and brackets', () => `Contact: ${'"<'.repeat(120_000)}`],
    ['a value of backslashes in a quoted string', () => `Route: "${'\\'.repeat(240_000)}`],
    ['an auth header of commas', () => `WWW-Authenticate: Digest ${','.repeat(240_000)}`],
    ['a long token68', () => `Authorization: Bearer ${'a'.repeat(240_000)}!`],
  ])('handles %s at the limit in linear time', (_what, header) => {
    const line = header();
    const viaLine = line.startsWith('Via:') ? line : 'Via: SIP/2.0/UDP a';
    const extra = line.startsWith('Via:') ? [] : [line];
    const text = [HEAD[0] ?? '', viaLine, ...HEAD.slice(2), ...extra, '', ''].join('\r\n');
    expect(text.length).toBeLessThanOrEqual(DEFAULT_MAX_MESSAGE_SIZE);
    const elapsed = timeOf(() => {
      try {
        const msg = parseMessage(text);
        for (const name of ['contact', 'route', 'www-authenticate', 'authorization'] as const) {
          try {
            msg.parsed(name);
          } catch (error) {
            expect(error).toBeInstanceOf(SipParseError);
          }
        }
        void msg.headers('contact');
      } catch (error) {
        expect(error).toBeInstanceOf(SipParseError);
      }
    });
    expect(elapsed).toBeLessThan(1500);
  });

  it('falls back to the default limit for a nonsensical maxSize', () => {
    const text = messageOfSize(DEFAULT_MAX_MESSAGE_SIZE + 10, (i) => `X-${i}: v`);
    expect(() => parseMessage(text, { maxSize: Number.NaN })).toThrow(/larger than 262144/);
    expect(() => parseMessage(text, { maxSize: -1 })).toThrow(/larger than 262144/);
    expect(parseMessage(text, { maxSize: Infinity }).kind).toBe('request');
  });

  it('handles twenty thousand continuation lines', () => {
    const text = [
      ...HEAD,
      'X-Folded: start',
      ...Array.from({ length: 20_000 }, () => ' more'),
      '',
      '',
    ].join('\r\n');
    const msg = parseMessage(text);
    expect(msg.header('x-folded')?.length).toBe('start'.length + 20_000 * ' more'.length);
  });
});
