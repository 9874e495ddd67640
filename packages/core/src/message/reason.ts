import { parseBoundedNumber } from './basic-headers.js';
import { readHeaderParams, type Params } from './params.js';
import { splitHeaderList } from './split-list.js';
import { ValueScanner, unquote } from './value-scanner.js';

/** One Reason value (RFC 3326): `SIP;cause=200;text="Call completed elsewhere"`. */
export interface ReasonValue {
  /** `SIP`, `Q.850` or an extension, as written. */
  readonly protocol: string;
  readonly cause: number | undefined;
  /** `text` unquoted and unescaped. */
  readonly text: string | undefined;
  readonly params: Params;
}

/**
 * Parses a Reason header value (a comma list).
 *
 * @example parseReasonList('Q.850;cause=16;text="Terminated"')[0]?.cause // 16
 */
export function parseReasonList(value: string): ReasonValue[] {
  return splitHeaderList(value, true).map(parseReason);
}

function parseReason(item: string): ReasonValue {
  const scanner = new ValueScanner(item);
  const protocol = scanner.token('reason protocol');
  const params = readHeaderParams(scanner);
  scanner.expectEnd();
  const causeText = params['cause'];
  const cause = causeText === undefined ? undefined : parseBoundedNumber(causeText, 'cause', 65535);
  const text = params['text'];
  return { protocol, cause, text: text === undefined ? undefined : unquote(text), params };
}
