import { DEV } from '../diagnostics/dev-mode.js';
/** The outcome of decoding one WebSocket message: its text, or why it cannot be used. */
export type DecodedFrame = { ok: true; text: string } | { ok: false; reason: string };

// fatal: a binary frame that is not valid UTF-8 is rejected instead of being silently patched
// with U+FFFD, which could turn a corrupt message into a different, parsable one.
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns the `data` of a WebSocket message event into text. RFC 7118 §5.1 allows SIP messages in
 * text or binary frames; binary frames are decoded as UTF-8.
 *
 * Accepted: strings (text frames), `ArrayBuffer`, any `ArrayBufferView` (`Uint8Array`, Node
 * `Buffer`, `DataView`), and arrays of views (the `ws` package's `fragments` binary type).
 * Not accepted: `Blob` (browsers' default binary type; `WebSocketInterface` asks for
 * `arraybuffer` so it never sees one), since reading a Blob is asynchronous and would reorder
 * messages.
 *
 * @example
 * ```ts
 * decodeFrame(new TextEncoder().encode('SIP/2.0 200 OK\r\n\r\n')); // { ok: true, text: 'SIP/2.0 200 OK\r\n\r\n' }
 * decodeFrame(new Uint8Array([0xff])); // { ok: false, reason: 'binary frame is not valid UTF-8' }
 * ```
 */
export function decodeFrame(data: unknown): DecodedFrame {
  if (typeof data === 'string') return { ok: true, text: data };
  const bytes = frameBytes(data);
  if (bytes === null)
    return {
      ok: false,
      reason: DEV
        ? `unsupported frame data type (${describe(data)})`
        : `transport.frame-type ${describe(data)}`,
    };
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return {
      ok: false,
      reason: DEV ? 'binary frame is not valid UTF-8' : 'transport.frame-not-utf8',
    };
  }
}

function frameBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (Array.isArray(data) && data.every((part) => ArrayBuffer.isView(part))) {
    return concat(data as ArrayBufferView[]);
  }
  return null;
}

function concat(parts: readonly ArrayBufferView[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), offset);
    offset += part.byteLength;
  }
  return bytes;
}

function describe(data: unknown): string {
  if (typeof data !== 'object' || data === null) return data === null ? 'null' : typeof data;
  const name = (data as { constructor?: { name?: unknown } }).constructor?.name;
  // The advice is for development builds; production ones name the type alone.
  if (DEV && name === 'Blob') return 'Blob; the socket should use binaryType "arraybuffer"';
  return typeof name === 'string' ? name : 'object';
}
