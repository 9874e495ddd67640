/**
 * The Merkle–Damgård padding MD5 (RFC 1321 §3.1-3.2) and SHA-512/256 (FIPS 180-4 §5.1.2) share:
 * the message, a 0x80 byte, zeros, and the message length in bits in a field of `blockSize / 8`
 * bytes that ends the last block (little-endian for MD5, big-endian for SHA-2). Returns a view
 * over whole blocks.
 */
export function padMessage(
  bytes: Uint8Array,
  blockSize: 64 | 128,
  littleEndian: boolean,
): DataView {
  const paddedLength = (Math.floor((bytes.length + blockSize / 8) / blockSize) + 1) * blockSize;
  const padded = new Uint8Array(paddedLength);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  // Any real length fits the field's low 64 bits, the last 8 bytes in either byte order.
  view.setBigUint64(paddedLength - 8, BigInt(bytes.length) * 8n, littleEndian);
  return view;
}
