/**
 * Just enough reading and writing of SIP text for the answering peer (./peer.ts): split the head,
 * find a header, build a response that copies what RFC 3261 §8.2.6.2 says to copy. It is not a
 * parser and validates nothing: the peer must cost every library the same small, fixed amount.
 */
export interface SipText {
  /** The request line or status line. */
  readonly start: string;
  readonly headers: readonly string[];
  readonly body: string;
}

export function splitSip(message: string): SipText {
  const end = message.indexOf('\r\n\r\n');
  const head = end === -1 ? message : message.slice(0, end);
  const [start = '', ...headers] = head.split('\r\n');
  return { start, headers, body: end === -1 ? '' : message.slice(end + 4) };
}

// The compact forms the libraries may use (RFC 3261 §7.3.3).
const compact: Readonly<Record<string, string>> = {
  via: 'v',
  from: 'f',
  to: 't',
  'call-id': 'i',
  contact: 'm',
  'content-type': 'c',
};

/** Every header line named `name` (case-insensitive, compact form too), as `Name: value`. */
export function headerLines(text: SipText, name: string): string[] {
  const wanted = name.toLowerCase();
  const short = compact[wanted];
  return text.headers.filter((line) => {
    const colon = line.indexOf(':');
    const found = line.slice(0, colon).trim().toLowerCase();
    return found === wanted || found === short;
  });
}

/** The value of the first header named `name`. */
export function headerValue(text: SipText, name: string): string | undefined {
  const line = headerLines(text, name)[0];
  return line === undefined ? undefined : line.slice(line.indexOf(':') + 1).trim();
}

/** The URI inside `<...>` of a name-addr, or the value itself. */
export function addrUri(value: string): string {
  const open = value.indexOf('<');
  return open === -1
    ? (value.split(';')[0] ?? value)
    : value.slice(open + 1, value.indexOf('>', open));
}

/** `tag=` of a From or To value. */
export function tagOf(value: string): string | undefined {
  return /;\s*tag=([^;\s]+)/i.exec(value)?.[1];
}

export function message(start: string, headers: readonly string[], body = ''): string {
  return `${start}\r\n${headers.join('\r\n')}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** A response to `request` copying Via, From, To (with `toTag` added if it has none), Call-ID, CSeq. */
export function response(
  request: SipText,
  status: string,
  toTag: string,
  extra: readonly string[] = [],
  body = '',
): string {
  const to = headerValue(request, 'to') ?? '';
  return message(
    `SIP/2.0 ${status}`,
    [
      ...headerLines(request, 'via'),
      ...headerLines(request, 'from'),
      `To: ${tagOf(to) === undefined ? `${to};tag=${toTag}` : to}`,
      ...headerLines(request, 'call-id'),
      ...headerLines(request, 'cseq'),
      ...extra,
    ],
    body,
  );
}

/** A minimal audio SDP (RFC 4566): loopback, one Opus stream. Good enough for fake media. */
export function audioSdp(sessionId: number): string {
  return [
    'v=0',
    `o=- ${sessionId} 1 IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'a=mid:0',
    'a=sendrecv',
    'a=rtpmap:111 opus/48000/2',
    '',
  ].join('\r\n');
}
