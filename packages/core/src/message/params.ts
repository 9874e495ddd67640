import type { ValueScanner } from './value-scanner.js';

/**
 * Header or URI parameters: names lowercased (they compare case-insensitively, RFC 3261
 * §7.3.1), flag parameters such as `;lr` map to `''`. Header parameter values are kept as
 * written (a quoted-string keeps its quotes, use `unquote`); URI parameter values are %-decoded.
 * The object has no prototype, so `params['constructor']` is undefined unless sent.
 */
export type Params = Readonly<Record<string, string>>;

/** Creates an empty, prototype-free parameter record. */
export function emptyParams(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/**
 * Reads `*( SEMI generic-param )` (RFC 3261 §25.1) up to the end of the scanner or a char that
 * is not `;`. Duplicate names keep the first value, as later layers only ever read one.
 */
export function readHeaderParams(scanner: ValueScanner, into: Record<string, string>): void {
  for (;;) {
    scanner.skipWhitespace();
    if (scanner.peek() !== 0x3b) return;
    scanner.pos++;
    scanner.skipWhitespace();
    const name = scanner.token('parameter name').toLowerCase();
    let value = '';
    if (scanner.accept(0x3d)) value = scanner.genValue();
    if (!(name in into)) into[name] = value;
  }
}

/** Formats parameters as `;name=value` (or `;name` for `''`), values written as given. */
export function formatParams(params: Params | undefined): string {
  if (params === undefined) return '';
  let out = '';
  for (const name in params) {
    const value = params[name];
    out += value === undefined || value === '' ? `;${name}` : `;${name}=${value}`;
  }
  return out;
}
