import { DEV } from '../diagnostics/dev-mode.js';
/** One DTMF tone as carried in INFO with `application/dtmf-relay`. */
export interface DtmfRelayTone {
  /** `0`-`9`, `*`, `#`, `A`-`D`. */
  readonly tone: string;
  /** Milliseconds. */
  readonly duration: number;
}

/** Tones an RFC 4733 / dtmf-relay sender may carry. */
export const DTMF_TONES = '0123456789*#ABCD';

/** The content type of SIP INFO DTMF (the de-facto format, not an RFC). */
export const DTMF_RELAY_CONTENT_TYPE = 'application/dtmf-relay';

/**
 * The body of an INFO that carries one tone: `Signal=5\r\nDuration=160\r\n`.
 *
 * @example dtmfRelayBody({ tone: '5', duration: 160 })
 */
export function dtmfRelayBody({ tone, duration }: DtmfRelayTone): string {
  return `Signal=${tone}\r\nDuration=${Math.round(duration)}\r\n`;
}

/**
 * Reads an `application/dtmf-relay` body; undefined when it names no valid tone. Peers vary in
 * case, spacing and line endings, so all of those are accepted. A missing or bad Duration gives
 * the conventional 100 ms default rather than dropping the tone.
 */
export function parseDtmfRelay(body: string): DtmfRelayTone | undefined {
  const fields = new Map<string, string>();
  for (const line of body.split(/\r\n|\n|\r/)) {
    const equals = line.indexOf('=');
    if (equals > 0)
      fields.set(line.slice(0, equals).trim().toLowerCase(), line.slice(equals + 1).trim());
  }
  const tone = fields.get('signal')?.toUpperCase();
  if (tone === undefined || tone.length !== 1 || !DTMF_TONES.includes(tone)) return undefined;
  const duration = Number(fields.get('duration'));
  return { tone, duration: Number.isFinite(duration) && duration > 0 ? duration : 100 };
}

/** Splits a tone string into valid tones; a `,` is a 2 s pause (as in RTCDTMFSender). */
export function splitTones(tones: string): string[] {
  const out: string[] = [];
  for (const char of tones.toUpperCase()) {
    if (char === ',' || DTMF_TONES.includes(char)) out.push(char);
    else
      throw new RangeError(
        DEV
          ? `"${char}" is not a DTMF tone (use 0-9, *, #, A-D or ",")`
          : `session.dtmf-tone-invalid ${char}`,
      );
  }
  return out;
}
