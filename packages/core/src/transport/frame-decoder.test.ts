import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from './frame-decoder.js';

const sip = 'OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/WSS h;branch=z9hG4bK1\r\n\r\n';
const bytes = new TextEncoder().encode(sip);

describe('decodeFrame', () => {
  it('passes text frames through', () => {
    expect(decodeFrame(sip)).toEqual({ ok: true, text: sip });
  });

  it('decodes ArrayBuffer, Uint8Array, Buffer, DataView and fragment arrays as UTF-8', () => {
    const expected = { ok: true, text: sip };
    expect(decodeFrame(bytes.slice().buffer)).toEqual(expected);
    expect(decodeFrame(bytes)).toEqual(expected);
    expect(decodeFrame(Buffer.from(sip))).toEqual(expected);
    expect(decodeFrame(new DataView(bytes.slice().buffer))).toEqual(expected);
    expect(decodeFrame([Buffer.from(sip.slice(0, 10)), Buffer.from(sip.slice(10))])).toEqual(
      expected,
    );
  });

  it('respects the byte offset of a view into a larger buffer', () => {
    const big = new Uint8Array(bytes.length + 8);
    big.set(bytes, 4);
    expect(decodeFrame(big.subarray(4, 4 + bytes.length))).toEqual({ ok: true, text: sip });
  });

  it('decodes multi-byte UTF-8 (display names)', () => {
    const text = 'From: "Zoë 日本" <sip:z@example.com>\r\n';
    expect(decodeFrame(new TextEncoder().encode(text))).toEqual({ ok: true, text });
  });

  it('rejects invalid UTF-8 instead of patching it', () => {
    expect(decodeFrame(new Uint8Array([0x53, 0x49, 0x50, 0xff, 0xfe]))).toEqual({
      ok: false,
      reason: 'binary frame is not valid UTF-8',
    });
    // An overlong encoding of '/' and a lone surrogate encoded as UTF-8.
    expect(decodeFrame(new Uint8Array([0xc0, 0xaf])).ok).toBe(false);
    expect(decodeFrame(new Uint8Array([0xed, 0xa0, 0x80])).ok).toBe(false);
  });

  it('rejects data it cannot read synchronously, naming the type', () => {
    const blob = decodeFrame(new Blob([sip]));
    expect(blob).toEqual({ ok: false, reason: expect.stringContaining('Blob') as unknown });
    expect(decodeFrame(42)).toEqual({ ok: false, reason: 'unsupported frame data type (number)' });
    expect(decodeFrame(null).ok).toBe(false);
    expect(decodeFrame({}).ok).toBe(false);
  });

  it('property: any string survives a UTF-8 round trip through a binary frame', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const decoded = decodeFrame(new TextEncoder().encode(text));
        expect(decoded).toEqual({ ok: true, text });
      }),
    );
  });
});
