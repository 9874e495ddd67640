/**
 * The order in which one connection cycle tries its sockets: higher `weight` first, and sockets of
 * equal weight in random order (a uniform shuffle driven by `random`, which returns [0, 1)), so
 * that clients with the same configuration spread over equally preferred servers.
 *
 * @example
 * ```ts
 * orderByWeight([{ socket: a, weight: 1 }, { socket: b, weight: 5 }], Math.random);
 * // [{ socket: b, weight: 5 }, { socket: a, weight: 1 }]
 * ```
 */
export function orderByWeight<Entry extends { readonly weight: number }>(
  entries: readonly Entry[],
  random: () => number,
): Entry[] {
  const groups = new Map<number, Entry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.weight);
    if (group === undefined) groups.set(entry.weight, [entry]);
    else group.push(entry);
  }
  const weights = [...groups.keys()].sort((a, b) => b - a);
  return weights.flatMap((weight) => shuffle(groups.get(weight) ?? [], random));
}

/** Fisher–Yates shuffle of a copy. */
function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    const a = result[i] as T;
    result[i] = result[j] as T;
    result[j] = a;
  }
  return result;
}
