import { md5 } from './md5.js';
import { sha512_256 } from './sha512-256.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * The hash functions behind the digest algorithms (RFC 7616 §3.2, RFC 8760 §2.1). The `-sess`
 * variants use the same hash as their base algorithm.
 *
 * @example
 * ```ts
 * const name: DigestHashName = 'SHA-256';
 * ```
 */
export type DigestHashName = 'MD5' | 'SHA-256' | 'SHA-512-256';

const encoder = new TextEncoder();

/** Web Crypto's `subtle`, looked up on each call so a runtime (or a test) can change it. */
function subtle(): SubtleCrypto | undefined {
  const crypto = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto;
  return typeof crypto?.subtle?.digest === 'function' ? crypto.subtle : undefined;
}

/**
 * Whether this runtime can compute `name`. MD5 and SHA-512/256 are implemented here and always
 * available; SHA-256 needs Web Crypto, which browsers expose only in secure contexts (HTTPS).
 *
 * @example
 * ```ts
 * if (!isDigestHashSupported('SHA-256')) console.warn('SHA-256 digest needs a secure context');
 * ```
 */
export function isDigestHashSupported(name: DigestHashName): boolean {
  return name !== 'SHA-256' || subtle() !== undefined;
}

/**
 * Lowercase hex digest of `data` (text is hashed as UTF-8, RFC 7616 §3.4.1 with charset=UTF-8).
 * Rejects with a plain `Error` if the runtime lacks the hash; callers check
 * {@link isDigestHashSupported} first and report a clear `unsupported-algorithm`.
 *
 * @example
 * ```ts
 * await digestHex('MD5', 'abc'); // '900150983cd24fb0d6963f7d28e17f72'
 * ```
 */
export async function digestHex(name: DigestHashName, data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  switch (name) {
    case 'MD5':
      return toHex(md5(bytes));
    case 'SHA-512-256':
      return toHex(sha512_256(bytes));
    case 'SHA-256': {
      const api = subtle();
      if (api === undefined)
        throw new Error(
          DEV ? 'SHA-256 is unavailable: no Web Crypto subtle API' : 'auth.no-subtle SHA-256',
        );
      // Copy into a fresh ArrayBuffer: subtle.digest does not accept views over shared buffers.
      const digest = await api.digest('SHA-256', bytes.slice());
      return toHex(new Uint8Array(digest));
    }
  }
}

/** Lowercase hex of `bytes` (RFC 7616 §3.4.1: "lowercase hexadecimal"). */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}
