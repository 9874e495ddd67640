import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { orderByWeight } from './socket-order.js';
import { sequence } from './testing/fake-socket.js';

const entry = (name: string, weight: number) => ({ name, weight });
const names = (entries: { name: string }[]) => entries.map((e) => e.name);

describe('orderByWeight', () => {
  it('puts higher weights first', () => {
    const input = [entry('low', 0), entry('high', 10), entry('mid', 5), entry('neg', -1)];
    expect(names(orderByWeight(input, Math.random))).toEqual(['high', 'mid', 'low', 'neg']);
  });

  it('does not consult the random source when no weights tie', () => {
    let calls = 0;
    orderByWeight([entry('a', 2), entry('b', 1)], () => {
      calls += 1;
      return 0;
    });
    expect(calls).toBe(0);
  });

  it('breaks ties with the injected random source', () => {
    const tied = [entry('a', 1), entry('b', 1), entry('c', 1), entry('top', 2)];
    // random() close to 1 picks the last index each step: no swaps, configuration order.
    expect(names(orderByWeight(tied, () => 0.999))).toEqual(['top', 'a', 'b', 'c']);
    // random() = 0 swaps with index 0 each step: [a,b,c] -> [c,b,a] -> [b,c,a].
    expect(names(orderByWeight(tied, () => 0))).toEqual(['top', 'b', 'c', 'a']);
    expect(names(orderByWeight(tied, sequence(0.5, 0.9)))).toEqual(['top', 'a', 'c', 'b']);
  });

  it('gives each of the tied sockets the first place for some random draw', () => {
    const tied = [entry('a', 0), entry('b', 0), entry('c', 0)];
    const firsts = new Set(
      [0, 0.34, 0.67, 0.99].flatMap((x) =>
        [0, 0.5, 0.99].map((y) => orderByWeight(tied, sequence(x, y))[0]?.name),
      ),
    );
    expect(firsts).toEqual(new Set(['a', 'b', 'c']));
  });

  it('does not modify its input', () => {
    const input = [entry('a', 0), entry('b', 0)];
    orderByWeight(input, () => 0);
    expect(names(input)).toEqual(['a', 'b']);
  });

  it('property: a permutation, sorted by descending weight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 12 }),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1 }),
        (weights, randoms) => {
          const input = weights.map((w, i) => entry(String(i), w));
          const output = orderByWeight(input, sequence(...randoms));
          expect([...names(output)].sort()).toEqual([...names(input)].sort());
          for (let i = 1; i < output.length; i++) {
            expect(output[i - 1]!.weight).toBeGreaterThanOrEqual(output[i]!.weight);
          }
        },
      ),
    );
  });
});
