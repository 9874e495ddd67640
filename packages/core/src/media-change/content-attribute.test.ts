import { describe, expect, it } from 'vitest';
import { sectionContents, withContent } from './content-attribute.js';

const SDP = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=mid:0',
  'a=sendrecv',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:1',
  'a=sendrecv',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:10',
  'a=content:main',
  'a=sendrecv',
  '',
].join('\r\n');

describe('a=content (RFC 4796)', () => {
  it('labels only the section with that mid, after its a=mid, CRLF kept', () => {
    const labelled = withContent(SDP, '1', 'slides');
    expect(sectionContents(labelled)).toEqual([undefined, 'slides', 'main']);
    expect(labelled).toContain('a=mid:1\r\na=content:slides\r\na=sendrecv\r\nm=video');
    expect(labelled.endsWith('\r\n')).toBe(true);
    expect(labelled.replace('a=content:slides\r\n', '')).toBe(SDP);
  });

  it('replaces a label already there and matches mids exactly (1 is not 10)', () => {
    const labelled = withContent(SDP, '10', 'slides');
    expect(sectionContents(labelled)).toEqual([undefined, undefined, 'slides']);
    expect(labelled.match(/a=content:/g)).toHaveLength(1);
  });

  it('leaves SDP without that mid unchanged', () => {
    expect(withContent(SDP, '7', 'slides')).toBe(SDP);
    expect(sectionContents('not sdp')).toEqual([]);
  });
});
