/**
 * A random (version 4) UUID for `+sip.instance` (RFC 5626 §4.1, RFC 4122 §4.4) when the app
 * configured no `instance_id`: made once per UA object and kept for its life, never stored.
 *
 * @example newInstanceId(); // 'f81d4fae-7dec-41d0-a765-00a0c91e6bf6'
 */
export function newInstanceId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  // RFC 4122 §4.4: version 4 in the high nibble of byte 6, variant 10 in the top bits of byte 8.
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
