// Random identifiers for requests and dialogs. All come from the platform CSPRNG (Web Crypto):
// RFC 3261 §8.1.1.7 wants branches unique across space and time, §19.3 wants tags and Call-IDs
// "globally unique and cryptographically random" enough that they cannot be guessed.

/**
 * The RFC 3261 §8.1.1.7 magic cookie that starts every branch this stack creates.
 *
 * @example newBranch().startsWith(BRANCH_COOKIE) // true
 */
export const BRANCH_COOKIE = 'z9hG4bK';

// Unreserved URI characters (RFC 3986 §2.3) that are also `token` and `word` characters in SIP
// (RFC 3261 §25.1), so the result is URL-safe and valid in a branch, a tag and a Call-ID.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * `length` random characters from a 64-symbol URL-safe alphabet (6 bits each, no modulo bias:
 * 256 is a multiple of 64).
 *
 * @example randomId(10) // 'q3VbX_0-Za'
 */
export function randomId(length: number): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte & 63] ?? '';
  return out;
}

/**
 * A fresh Via branch: the magic cookie plus 120 random bits (RFC 3261 §8.1.1.7, §17.2.3).
 *
 * @example newBranch() // 'z9hG4bKq3VbX_0-ZaK2mPp8sLw'
 */
export function newBranch(): string {
  return BRANCH_COOKIE + randomId(20);
}

/**
 * A From/To tag: 60 random bits (RFC 3261 §19.3 asks for at least 32).
 *
 * @example newTag() // 'b7Tq_Z2m0k'
 */
export function newTag(): string {
  return randomId(10);
}

/**
 * A Call-ID: 132 random bits, no `@host` part (RFC 3261 §8.1.1.4 makes it optional; a browser
 * has no meaningful host to add).
 *
 * @example newCallId() // 'Xl2s0-9fHq_3mZbKc7PwRt1a'
 */
export function newCallId(): string {
  return randomId(22);
}

/**
 * True when `branch` carries the RFC 3261 magic cookie (case-sensitive, as §8.1.1.7 writes it).
 *
 * @example hasBranchCookie(request.via[0]?.branch) // false for an RFC 2543 peer
 */
export function hasBranchCookie(branch: string | undefined): branch is string {
  return branch !== undefined && branch.startsWith(BRANCH_COOKIE);
}
