import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerDirection,
  isHoldingUs,
  sdpDirections,
  sdpMediaSections,
  type StreamDirection,
} from './sdp-direction.js';

const RUNS = Number(process.env['SIPKIT_FUZZ_RUNS']) || 1_000;

function sdp(...lines: string[]): string {
  return ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 't=0 0', ...lines, ''].join('\r\n');
}

const AUDIO = 'm=audio 49170 RTP/AVP 0';
const VIDEO = 'm=video 51372 RTP/AVP 96';

describe('sdpDirections', () => {
  it('reads each section, defaulting to sendrecv (RFC 3264 §5.1)', () => {
    expect(sdpDirections(sdp(AUDIO, 'a=sendonly', VIDEO))).toEqual(['sendonly', 'sendrecv']);
  });

  it('uses the session-level attribute as the default of every section', () => {
    expect(sdpDirections(sdp('a=inactive', AUDIO, VIDEO, 'a=recvonly'))).toEqual([
      'inactive',
      'recvonly',
    ]);
  });

  it('reports port 0 as disabled (RFC 3264 §8.2), unless the section is BUNDLE-only', () => {
    expect(sdpDirections(sdp(AUDIO, 'm=video 0 RTP/AVP 96', 'a=sendrecv'))).toEqual([
      'sendrecv',
      'disabled',
    ]);
    expect(
      sdpDirections(sdp(AUDIO, 'm=video 0 RTP/AVP 96', 'a=bundle-only', 'a=sendonly')),
    ).toEqual(['sendrecv', 'sendonly']);
  });

  it('accepts LF-only line ends and a port count', () => {
    expect(sdpDirections('v=0\nm=audio 4000/2 RTP/AVP 0\na=recvonly\n')).toEqual(['recvonly']);
  });

  it('is empty without media sections or for garbage', () => {
    expect(sdpDirections(sdp())).toEqual([]);
    expect(sdpDirections('')).toEqual([]);
    expect(sdpDirections('\u0000=\r\n==m')).toEqual([]);
    expect(sdpDirections(undefined as unknown as string)).toEqual([]);
  });

  it('reads mid, connection address and candidates per section', () => {
    const [audio, video] = sdpMediaSections(
      sdp(
        'c=IN IP4 192.0.2.1',
        AUDIO,
        'a=mid:a',
        'a=candidate:1 1 udp 1 192.0.2.1 4 typ host',
        VIDEO,
        'c=IN IP4 0.0.0.0/127',
      ),
    );
    expect(audio).toMatchObject({
      media: 'audio',
      mid: 'a',
      connectionAddress: '192.0.2.1',
      hasCandidates: true,
      port: 49170,
    });
    expect(video).toMatchObject({
      media: 'video',
      mid: undefined,
      connectionAddress: '0.0.0.0',
      hasCandidates: false,
    });
  });
});

describe('isHoldingUs', () => {
  it('is true when every enabled section is sendonly or inactive (RFC 3264 §8.4)', () => {
    expect(isHoldingUs(sdp(AUDIO, 'a=sendonly', VIDEO, 'a=inactive'))).toBe(true);
    expect(isHoldingUs(sdp(AUDIO, 'a=sendonly', 'm=video 0 RTP/AVP 96'))).toBe(true);
    expect(isHoldingUs(sdp('a=inactive', AUDIO))).toBe(true);
  });

  it('is false when any enabled section still sends to us', () => {
    expect(isHoldingUs(sdp(AUDIO, 'a=sendonly', VIDEO))).toBe(false);
    expect(isHoldingUs(sdp(AUDIO, 'a=recvonly'))).toBe(false);
    expect(isHoldingUs(sdp(AUDIO))).toBe(false);
  });

  it('recognises the RFC 2543 c=0.0.0.0 hold, session-level or per section', () => {
    expect(isHoldingUs(sdp('c=IN IP4 0.0.0.0', AUDIO))).toBe(true);
    expect(isHoldingUs(sdp('c=IN IP4 192.0.2.1', AUDIO, 'c=IN IP4 0.0.0.0'))).toBe(true);
    expect(isHoldingUs(sdp('c=IN IP4 0.0.0.0', AUDIO, 'c=IN IP4 192.0.2.1'))).toBe(false);
  });

  it('does not take the trickle-ICE / JSEP placeholder 0.0.0.0 for hold', () => {
    expect(isHoldingUs(sdp('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0'))).toBe(false);
    expect(
      isHoldingUs(
        sdp(AUDIO, 'c=IN IP4 0.0.0.0', 'a=candidate:1 1 udp 1 203.0.113.7 49170 typ srflx'),
      ),
    ).toBe(false);
  });

  it('is false when nothing is enabled, and for garbage', () => {
    expect(isHoldingUs(sdp('m=audio 0 RTP/AVP 0', 'a=sendonly'))).toBe(false);
    expect(isHoldingUs('not sdp at all')).toBe(false);
  });

  it('never throws, whatever the input (property)', () => {
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'a=sendonly',
        'a=inactive',
        'a=mid:',
        'c=IN',
        'c=',
        'm=',
        'm=audio',
        'm=audio x',
        'a=bundle-only',
      ),
      fc.tuple(fc.constantFrom('m=', 'c=', 'a='), fc.string()).map(([type, rest]) => type + rest),
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc
        .array(line)
        .chain((lines) => fc.constantFrom('\r\n', '\n', '\r').map((end) => lines.join(end))),
    );
    fc.assert(
      fc.property(text, (input) => {
        const directions = sdpDirections(input);
        expect(directions.length).toBe(
          input.split(/\r\n|\r|\n/).filter((l) => l.startsWith('m=')).length,
        );
        expect(typeof isHoldingUs(input)).toBe('boolean');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('answerDirection (RFC 3264 §6.1)', () => {
  const table: [StreamDirection, StreamDirection, StreamDirection][] = [
    ['sendrecv', 'sendrecv', 'sendrecv'],
    ['sendrecv', 'sendonly', 'sendonly'],
    ['sendrecv', 'recvonly', 'recvonly'],
    ['sendonly', 'sendrecv', 'recvonly'],
    ['sendonly', 'sendonly', 'inactive'],
    ['recvonly', 'sendrecv', 'sendonly'],
    ['recvonly', 'sendonly', 'sendonly'],
    ['recvonly', 'recvonly', 'inactive'],
    ['inactive', 'sendrecv', 'inactive'],
    ['inactive', 'sendonly', 'inactive'],
  ];
  it.each(table)('offer %s, wanted %s: answer %s', (offered, wanted, answer) => {
    expect(answerDirection(offered, wanted)).toBe(answer);
  });
});
