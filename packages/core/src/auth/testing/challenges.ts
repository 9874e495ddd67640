// Test-only helpers (excluded from the build by tsconfig.build.json): build challenge objects the
// way the message layer hands them over, and read back emitted header values. Not a header parser.
import type { DigestChallengeInput } from '../digest-challenge.js';

/** A parsed challenge: `scheme` plus lowercased, unquoted parameters. */
export function digestChallenge(
  params: Record<string, string>,
  scheme = 'Digest',
): DigestChallengeInput {
  return { scheme, params };
}

/** The parameters of an emitted `Digest …` value, unescaped (for the simple values tests use). */
export function authorizationFields(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of header.matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g)) {
    out[match[1] as string] = (match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1');
  }
  return out;
}
