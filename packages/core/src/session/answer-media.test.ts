import { describe, expect, it } from 'vitest';
import { answerMediaOptions, offeredMediaConstraints } from './answer-media.js';

const HEAD = 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n';
const AUDIO = 'm=audio 4000 RTP/AVP 0\r\n';
const video = (direction: string, port = 4002): string =>
  `m=video ${port} RTP/AVP 96\r\na=${direction}\r\n`;

describe('offeredMediaConstraints', () => {
  it('a video offer gets video, an audio offer audio only', () => {
    expect(offeredMediaConstraints(HEAD + AUDIO + video('sendrecv'))).toEqual({
      audio: true,
      video: true,
    });
    expect(offeredMediaConstraints(HEAD + AUDIO)).toEqual({ audio: true, video: false });
  });

  it('no camera for a disabled or sendonly video section; recvonly still wants ours', () => {
    expect(offeredMediaConstraints(HEAD + AUDIO + video('sendrecv', 0)).video).toBe(false);
    expect(offeredMediaConstraints(HEAD + AUDIO + video('sendonly')).video).toBe(false);
    expect(offeredMediaConstraints(HEAD + AUDIO + video('recvonly')).video).toBe(true);
  });

  it('video only is video only; nothing usable falls back to a voice call', () => {
    expect(offeredMediaConstraints(HEAD + video('sendrecv'))).toEqual({
      audio: false,
      video: true,
    });
    expect(
      offeredMediaConstraints(HEAD + 'm=application 5000 UDP/DTLS/SCTP webrtc-datachannel\r\n'),
    ).toEqual({
      audio: true,
      video: false,
    });
  });
});

describe('answerMediaOptions', () => {
  const offer = HEAD + AUDIO + video('sendrecv');
  it('fills in constraints only when the app gave neither constraints nor a stream', () => {
    expect(answerMediaOptions({ extraHeaders: ['X: 1'] }, offer)).toEqual({
      extraHeaders: ['X: 1'],
      mediaConstraints: { audio: true, video: true },
    });
    const given = { mediaConstraints: { audio: true, video: false } };
    expect(answerMediaOptions(given, offer)).toBe(given);
    const stream = { mediaStream: {} as MediaStream };
    expect(answerMediaOptions(stream, offer)).toBe(stream);
    expect(answerMediaOptions({}, undefined)).toEqual({});
  });
});
