import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCallId, parseVia } from '../message/index.js';
import {
  BRANCH_COOKIE,
  hasBranchCookie,
  newBranch,
  newCallId,
  newTag,
  randomId,
} from './identifiers.js';

const URL_SAFE = /^[A-Za-z0-9_-]+$/;

describe('identifiers', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('newBranch: magic cookie plus 20 URL-safe characters, usable in a Via', () => {
    const branch = newBranch();
    expect(branch.startsWith(BRANCH_COOKIE)).toBe(true);
    expect(branch.slice(BRANCH_COOKIE.length)).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(parseVia(`SIP/2.0/WSS x.invalid;branch=${branch}`).branch).toBe(branch);
  });

  it('newTag and newCallId are URL-safe tokens of the expected length', () => {
    expect(newTag()).toMatch(/^[A-Za-z0-9_-]{10}$/);
    const callId = newCallId();
    expect(callId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(parseCallId(callId)).toBe(callId);
  });

  it('does not repeat across many draws', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(newBranch());
    expect(seen.size).toBe(10_000);
  });

  it('draws from Web Crypto', () => {
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues');
    newTag();
    newCallId();
    newBranch();
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('randomId maps every byte value into the alphabet', () => {
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(
      <T extends ArrayBufferView | null>(array: T): T => {
        if (array instanceof Uint8Array) array.forEach((_, i) => (array[i] = i));
        return array;
      },
    );
    const all = randomId(256);
    expect(all).toMatch(URL_SAFE);
    expect(new Set(all).size).toBe(64);
  });

  it('hasBranchCookie', () => {
    expect(hasBranchCookie('z9hG4bK1')).toBe(true);
    expect(hasBranchCookie('Z9HG4BK1')).toBe(false);
    expect(hasBranchCookie('1234')).toBe(false);
    expect(hasBranchCookie(undefined)).toBe(false);
  });
});
