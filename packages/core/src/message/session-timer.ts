import { readHeaderParams, type Params } from './params.js';
import { ValueScanner } from './value-scanner.js';

/** Session-Expires (RFC 4028 §4): interval and who refreshes. */
export interface SessionExpires {
  readonly delta: number;
  /** `uac` / `uas` (lowercased), or undefined when the refresher parameter is absent. */
  readonly refresher: string | undefined;
  readonly params: Params;
}

/** Min-SE (RFC 4028 §5). */
export interface MinSe {
  readonly delta: number;
  readonly params: Params;
}

const MAX_DELTA = 2 ** 32 - 1;

/**
 * Parses `Session-Expires: 1800;refresher=uac`.
 *
 * @example parseSessionExpires('1800 ; refresher=UAS').refresher // 'uas'
 */
export function parseSessionExpires(value: string): SessionExpires {
  const { delta, params } = readDeltaWithParams(value);
  return { delta, refresher: params['refresher']?.toLowerCase(), params };
}

/**
 * Parses `Min-SE: 90`.
 *
 * @example parseMinSe('90').delta // 90
 */
export function parseMinSe(value: string): MinSe {
  return readDeltaWithParams(value);
}

function readDeltaWithParams(value: string): { delta: number; params: Params } {
  const scanner = new ValueScanner(value);
  scanner.skipWhitespace();
  const delta = scanner.number('delta-seconds', MAX_DELTA);
  const params = readHeaderParams(scanner);
  scanner.expectEnd();
  return { delta, params };
}
