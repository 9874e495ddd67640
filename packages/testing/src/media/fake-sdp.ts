import type { StreamDirection } from '@sipkit/core';

/** One media section of a fake description. */
export interface FakeSection {
  readonly media: string;
  /** `undefined`: rejected / disabled (port 0, RFC 3264 §6). */
  readonly direction: StreamDirection | undefined;
  readonly mid: string;
}

const FORMATS: Readonly<Record<string, { readonly payload: number; readonly rtpmap: string }>> = {
  audio: { payload: 111, rtpmap: 'opus/48000/2' },
  video: { payload: 96, rtpmap: 'VP8/90000' },
};

/** ICE credentials of a description (RFC 8839 §5.4): new ones mean an ICE restart. */
export interface FakeIceCredentials {
  readonly ufrag: string;
  readonly pwd: string;
}

/**
 * Deterministic SDP (RFC 4566) of the fake media handler: loopback addresses, one codec per
 * section, no candidates; with `ice`, session-level `a=ice-ufrag` / `a=ice-pwd`. CRLF line
 * ends, as RFC 4566 §5 requires.
 *
 * @example
 * ```ts
 * renderFakeSdp(7, 1, [{ media: 'audio', direction: 'sendrecv', mid: '0' }]);
 * ```
 */
export function renderFakeSdp(
  sessionId: number,
  version: number,
  sections: readonly FakeSection[],
  ice?: FakeIceCredentials,
): string {
  const lines = [
    'v=0',
    `o=- ${sessionId} ${version} IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
  ];
  if (ice !== undefined) lines.push(`a=ice-ufrag:${ice.ufrag}`, `a=ice-pwd:${ice.pwd}`);
  for (const section of sections) {
    const format = FORMATS[section.media] ?? { payload: 0, rtpmap: 'PCMU/8000' };
    const port = section.direction === undefined ? 0 : 9;
    lines.push(`m=${section.media} ${port} UDP/TLS/RTP/SAVPF ${format.payload}`);
    lines.push(`a=mid:${section.mid}`);
    if (section.direction !== undefined) lines.push(`a=${section.direction}`);
    lines.push(`a=rtpmap:${format.payload} ${format.rtpmap}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * What is wrong with a remote SDP for the fake's minimal check, or undefined when it passes:
 * starts with `v=0`, has an `o=` line and at least one `m=` line, and every line is `x=...`.
 *
 * @example
 * ```ts
 * sdpProblem('hello'); // 'does not start with v=0'
 * ```
 */
export function sdpProblem(sdp: string): string | undefined {
  if (typeof sdp !== 'string' || !sdp.startsWith('v=0')) return 'does not start with v=0';
  const lines = sdp.split(/\r\n|\n/);
  if (lines.at(-1) === '') lines.pop();
  const bad = lines.findIndex((line) => !/^[a-z]=/.test(line));
  if (bad >= 0) return `line ${bad + 1} is not of the form x=value`;
  if (!lines.some((line) => line.startsWith('o='))) return 'has no o= line';
  if (!lines.some((line) => line.startsWith('m='))) return 'has no m= line';
  return undefined;
}

/**
 * The `a=ice-ufrag` of a description (the first, session or media level), or undefined.
 *
 * @example iceUfrag('v=0\r\na=ice-ufrag:abcd\r\n') // 'abcd'
 */
export function iceUfrag(sdp: string): string | undefined {
  return /^a=ice-ufrag:(\S+)/m.exec(sdp)?.[1];
}
