/**
 * Reading media directions out of SDP (RFC 4566, RFC 3264 §5.1, §6.1, §8.4), for the session's
 * hold logic and the fake media handler. Tolerant by design: this reads the far end's SDP, so
 * garbage yields an empty list, never an exception.
 */

/** The four direction attributes of RFC 3264 §5.1. */
export type StreamDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/** A media section's direction, or `disabled` for a rejected or removed stream (port 0). */
export type MediaDirection = StreamDirection | 'disabled';

/** What one `m=` section says, read leniently. */
export interface SdpMediaSection {
  /** The media of the `m=` line (`audio`, `video`, `application`...), '' when unreadable. */
  readonly media: string;
  readonly direction: MediaDirection;
  /** The `a=mid` value (RFC 5888), if any. */
  readonly mid: string | undefined;
  /** The connection address in force for this section (its own `c=` or the session one). */
  readonly connectionAddress: string | undefined;
  /** True when the section carries `a=candidate` lines (ICE, RFC 8839). */
  readonly hasCandidates: boolean;
  /** The port of the `m=` line (NaN when unreadable). */
  readonly port: number;
}

const DIRECTIONS: ReadonlySet<string> = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

/**
 * Splits SDP into its media sections. Lines that are not `x=value` are skipped; a missing
 * direction attribute means the session-level one, else `sendrecv` (RFC 3264 §5.1).
 *
 * @example
 * ```ts
 * sdpMediaSections('v=0\r\nm=audio 4000 RTP/AVP 0\r\na=sendonly\r\n')[0]?.direction; // 'sendonly'
 * ```
 */
export function sdpMediaSections(sdp: string): SdpMediaSection[] {
  if (typeof sdp !== 'string') return [];
  let sessionDirection: StreamDirection | undefined;
  let sessionAddress: string | undefined;
  const sections: MutableSection[] = [];
  let current: MutableSection | undefined;
  for (const line of sdp.split(/\r\n|\r|\n/)) {
    const type = line[0];
    if (line[1] !== '=' || type === undefined) continue;
    const value = line.slice(2).trim();
    if (type === 'm') {
      current = newSection(value);
      sections.push(current);
    } else if (type === 'c') {
      const address = connectionAddress(value);
      if (current === undefined) sessionAddress = address;
      else current.connectionAddress = address;
    } else if (type === 'a') {
      if (DIRECTIONS.has(value)) {
        if (current === undefined) sessionDirection = value as StreamDirection;
        else current.direction = value as StreamDirection;
      } else if (current !== undefined) {
        if (value.startsWith('mid:')) current.mid = value.slice(4);
        else if (value === 'bundle-only') current.bundleOnly = true;
        else if (value.startsWith('candidate:')) current.hasCandidates = true;
      }
    }
  }
  return sections.map((section) => ({
    media: section.media,
    // RFC 3264 §8.2: port 0 disables a stream, except a BUNDLE-only section (RFC 8843 §6),
    // which rides on another section's transport.
    direction:
      section.port === 0 && !section.bundleOnly
        ? 'disabled'
        : (section.direction ?? sessionDirection ?? 'sendrecv'),
    mid: section.mid,
    connectionAddress: section.connectionAddress ?? sessionAddress,
    hasCandidates: section.hasCandidates,
    port: section.port,
  }));
}

/**
 * The direction of every `m=` section, in order: its own attribute, else the session-level one,
 * else `sendrecv`; `disabled` for port 0.
 *
 * @example
 * ```ts
 * sdpDirections('v=0\r\na=inactive\r\nm=audio 4000 RTP/AVP 0\r\nm=video 0 RTP/AVP 96\r\n');
 * // ['inactive', 'disabled']
 * ```
 */
export function sdpDirections(sdp: string): MediaDirection[] {
  return sdpMediaSections(sdp).map((section) => section.direction);
}

/**
 * True when the far end's SDP holds us: every enabled media section is `sendonly` or `inactive`
 * (RFC 3264 §8.4), or uses the older RFC 2543 convention of connection address `0.0.0.0`. False
 * when no section is enabled (nothing is held, the streams are gone).
 *
 * `0.0.0.0` with port 9 or with ICE candidates is not hold: it is the "no address yet"
 * placeholder of trickle ICE (RFC 8838, RFC 8840) and of JSEP offers (RFC 8829).
 *
 * @example
 * ```ts
 * isHoldingUs('v=0\r\nm=audio 4000 RTP/AVP 0\r\na=sendonly\r\n'); // true
 * ```
 */
export function isHoldingUs(sdp: string): boolean {
  const enabled = sdpMediaSections(sdp).filter((section) => section.direction !== 'disabled');
  return (
    enabled.length > 0 &&
    enabled.every(
      (section) =>
        section.direction === 'sendonly' ||
        section.direction === 'inactive' ||
        (section.connectionAddress === '0.0.0.0' && section.port !== 9 && !section.hasCandidates),
    )
  );
}

/**
 * The direction an answer gives a stream (RFC 3264 §6.1): what we would like (`wanted`),
 * narrowed to what the offer allows. An offered `sendonly` stream can only be received, a
 * `recvonly` one only sent, an `inactive` one neither.
 *
 * @example
 * ```ts
 * answerDirection('sendonly', 'sendrecv'); // 'recvonly'
 * answerDirection('sendonly', 'sendonly'); // 'inactive' (both sides hold)
 * ```
 */
export function answerDirection(
  offered: StreamDirection,
  wanted: StreamDirection,
): StreamDirection {
  const send = sends(wanted) && receives(offered);
  const receive = receives(wanted) && sends(offered);
  if (send && receive) return 'sendrecv';
  if (send) return 'sendonly';
  if (receive) return 'recvonly';
  return 'inactive';
}

function sends(direction: StreamDirection): boolean {
  return direction === 'sendrecv' || direction === 'sendonly';
}

function receives(direction: StreamDirection): boolean {
  return direction === 'sendrecv' || direction === 'recvonly';
}

interface MutableSection {
  media: string;
  port: number;
  direction: StreamDirection | undefined;
  mid: string | undefined;
  connectionAddress: string | undefined;
  bundleOnly: boolean;
  hasCandidates: boolean;
}

// m=<media> <port>[/<number of ports>] <proto> <fmt> ... (RFC 4566 §5.14)
function newSection(value: string): MutableSection {
  const [media = '', port = ''] = value.split(/\s+/);
  return {
    media,
    port: /^\d+(\/\d+)?$/.test(port) ? Number.parseInt(port, 10) : Number.NaN,
    direction: undefined,
    mid: undefined,
    connectionAddress: undefined,
    bundleOnly: false,
    hasCandidates: false,
  };
}

// c=<nettype> <addrtype> <connection-address>[/ttl][/n] (RFC 4566 §5.7)
function connectionAddress(value: string): string | undefined {
  const address = value.split(/\s+/)[2];
  return address?.split('/')[0];
}
