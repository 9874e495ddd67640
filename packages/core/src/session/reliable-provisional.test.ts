import { describe, expect, it } from 'vitest';
import { listsReliable, parseRAck, reliableSequence } from './reliable-provisional.js';
import { inviteResponse } from './testing/invite-response.js';

describe('reliable provisional headers (RFC 3262 §7)', () => {
  it('reads the RSeq of a 101-199 that requires 100rel, and nothing else as reliable', () => {
    expect(reliableSequence(inviteResponse(183, 'Require: 100rel', 'RSeq: 4711'))).toBe(4711);
    expect(reliableSequence(inviteResponse(180, 'Require: timer, 100REL', 'RSeq: 1'))).toBe(1);
    // §4: a 100 is never reliable; without Require or a valid RSeq it is handled as unreliable.
    expect(reliableSequence(inviteResponse(100, 'Require: 100rel', 'RSeq: 1'))).toBeUndefined();
    expect(reliableSequence(inviteResponse(180, 'RSeq: 1'))).toBeUndefined();
    expect(reliableSequence(inviteResponse(180, 'Require: 100rel'))).toBeUndefined();
    expect(reliableSequence(inviteResponse(180, 'Require: 100rel', 'RSeq: 0'))).toBeUndefined();
    expect(
      reliableSequence(inviteResponse(180, 'Require: 100rel', 'RSeq: 4294967296')),
    ).toBeUndefined();
    expect(reliableSequence(inviteResponse(180, 'Require: 100rel', 'RSeq: 12a'))).toBeUndefined();
    expect(reliableSequence(inviteResponse(200, 'Require: 100rel', 'RSeq: 1'))).toBeUndefined();
  });

  it('parses RAck (response number, CSeq number, method) and refuses malformed ones', () => {
    expect(parseRAck('776656 1 INVITE')).toEqual({ rseq: 776656, cseq: 1, method: 'INVITE' });
    expect(parseRAck('  5   3 invite ')).toEqual({ rseq: 5, cseq: 3, method: 'INVITE' });
    expect(parseRAck(undefined)).toBeUndefined();
    expect(parseRAck('5 3')).toBeUndefined();
    expect(parseRAck('0 3 INVITE')).toBeUndefined();
    expect(parseRAck('5 x INVITE')).toBeUndefined();
    expect(parseRAck('5 3 INV1TE')).toBeUndefined();
  });

  it('tells whether Require or Supported lists 100rel; a malformed header counts as no', () => {
    expect(listsReliable(inviteResponse(180, 'Supported: timer, 100rel'), 'supported')).toBe(true);
    expect(listsReliable(inviteResponse(180, 'Supported: timer'), 'supported')).toBe(false);
    expect(listsReliable(inviteResponse(180, 'Require: "x"'), 'require')).toBe(false);
  });
});
