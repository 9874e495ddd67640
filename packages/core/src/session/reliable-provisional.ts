import type { IncomingRequest, IncomingResponse } from '../message/index.js';
import { listsOptionTag } from './lenient-read.js';

/** The option tag of reliable provisional responses (RFC 3262 §7.1). */
export const RELIABLE_PROVISIONALS = '100rel';

/** RSeq and the RAck numbers are 1 to 2**32 - 1 (RFC 3262 §7.1, §7.2). */
const MAX_SEQUENCE = 2 ** 32 - 1;

/** What a PRACK acknowledges: its RAck header (RFC 3262 §7.2). */
export interface RAck {
  readonly rseq: number;
  readonly cseq: number;
  readonly method: string;
}

/** True when `header` (Require or Supported) of `message` lists 100rel; unreadable counts as no. */
export function listsReliable(
  message: IncomingRequest | IncomingResponse,
  header: 'require' | 'supported',
): boolean {
  return listsOptionTag(message, header, RELIABLE_PROVISIONALS);
}

/**
 * The RSeq of a provisional response the UAS sent reliably (RFC 3262 §4: `Require: 100rel` on a
 * 101-199), or undefined when it was not sent reliably (no tag, a 100, no valid RSeq: such a
 * response is handled as an unreliable one).
 */
export function reliableSequence(response: IncomingResponse): number | undefined {
  if (response.status <= 100 || response.status >= 200) return undefined;
  if (!listsReliable(response, 'require')) return undefined;
  return sequenceNumber(response.header('rseq')?.trim() ?? '');
}

/** The RAck of a PRACK (`RAck: 1 314 INVITE`), or undefined when it is missing or malformed. */
export function parseRAck(value: string | undefined): RAck | undefined {
  const parts = value?.trim().split(/\s+/) ?? [];
  if (parts.length !== 3) return undefined;
  const rseq = sequenceNumber(parts[0] ?? '');
  const cseq = sequenceNumber(parts[1] ?? '');
  const method = parts[2] ?? '';
  if (rseq === undefined || cseq === undefined || !/^[A-Za-z]+$/.test(method)) return undefined;
  return { rseq, cseq, method: method.toUpperCase() };
}

function sequenceNumber(text: string): number | undefined {
  if (!/^\d{1,10}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 && value <= MAX_SEQUENCE ? value : undefined;
}
