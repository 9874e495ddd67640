// Helpers to write torture messages exactly as on the wire: CRLF line ends, byte-exact lengths.

/** Joins lines with CRLF. Pass '' for the empty line that ends the head. */
export const sip = (...lines: string[]): string => lines.join('\r\n');

/** UTF-8 length of a body, for Content-Length. */
export const byteLength = (body: string): number => new TextEncoder().encode(body).length;

/**
 * The SDP body most RFC 4475 messages carry (origin and connection at `address`); with a
 * 1-digit last octet it is the RFC's 150 bytes.
 */
export const rfc4475Sdp = (origin: string, connection: string = origin): string =>
  sip(
    'v=0',
    `o=mhandley 29739 7272939 IN IP4 ${origin}`,
    's=-',
    `c=IN IP4 ${connection}`,
    't=0 0',
    'm=audio 49217 RTP/AVP 0 12',
    'm=video 3227 RTP/AVP 31',
    'a=rtpmap:31 LPC',
    '',
  );
