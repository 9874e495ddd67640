import { describe, expect, it } from 'vitest';
import { BoundedMap } from './bounded-map.js';

describe('BoundedMap', () => {
  it('forgets the oldest entries past its limit, and a re-set entry counts as new', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    map.set('c', 4);
    expect(map.get('b')).toBeUndefined();
    expect([...map.values()]).toEqual([3, 4]);
    expect(map.size).toBe(2);
  });

  it('deletes the entries a predicate picks', () => {
    const map = new BoundedMap<string, number>(10);
    for (const [key, value] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ] as const)
      map.set(key, value);
    map.deleteWhere((value, key) => value % 2 === 1 && key !== 'c');
    expect([...map.values()]).toEqual([2, 3]);
  });
});
