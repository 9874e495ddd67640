import { describe, expect, it, vi } from 'vitest';
import { newInstanceId } from './instance-id.js';
import { registerTagTrail } from './register-tag-trail.js';

describe('registerTagTrail', () => {
  it('returns a string as is and calls a function each time', () => {
    const warn = vi.fn();
    expect(registerTagTrail('-x', warn)).toBe('-x');
    let n = 0;
    const trail = () => `-${++n}`;
    expect(registerTagTrail(trail, warn)).toBe('-1');
    expect(registerTagTrail(trail, warn)).toBe('-2');
    expect(warn).not.toHaveBeenCalled();
  });

  it('leaves out a non-token result or a throw, with a warning', () => {
    const warn = vi.fn();
    expect(registerTagTrail(() => 'a b', warn)).toBe('');
    expect(
      registerTagTrail(() => {
        throw new Error('boom');
      }, warn),
    ).toBe('');
    expect(registerTagTrail(() => '', warn)).toBe('');
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1]?.[0]).toContain('boom');
  });
});

describe('newInstanceId', () => {
  it('makes distinct RFC 4122 version 4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 50 }, newInstanceId));
    expect(ids.size).toBe(50);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});
