/** The progress a NOTIFY for a REFER reports: the status line of the transferred call. */
export interface ReferProgress {
  readonly status: number;
  readonly reason: string;
}

/**
 * Reads the `message/sipfrag` body of a REFER NOTIFY (RFC 3515 §2.4.5): only its first line, a
 * SIP status line, matters. Undefined when the body is not one.
 *
 * @example parseSipfrag('SIP/2.0 180 Ringing\r\n') // { status: 180, reason: 'Ringing' }
 */
export function parseSipfrag(body: string): ReferProgress | undefined {
  const line = body.split(/\r\n|\n/, 1)[0] ?? '';
  const match = /^SIP\/2\.0[ \t]+([1-6]\d\d)(?:[ \t]+(.*))?$/i.exec(line.trim());
  if (match === null) return undefined;
  return { status: Number(match[1]), reason: match[2] ?? '' };
}

/** A sipfrag body for a status, to NOTIFY the referrer (RFC 3515 §2.4.5). */
export function sipfragBody(status: number, reason: string): string {
  return `SIP/2.0 ${status} ${reason.replace(/[\r\n]/g, ' ')}\r\n`;
}
