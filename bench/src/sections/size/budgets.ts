/**
 * Budgets the code does not meet yet. Failing CI on them would stop every commit until the core
 * is half its size, so until then the check reports them loudly (NOT MET in the table and in
 * BENCHMARKS.md) and fails only when the bundle grows past `ceilingGzip`: CI still catches
 * growth while the core is slimmed. Raising a ceiling is a deliberate one-line change here, seen
 * in review; lower it as the bundle shrinks. Delete an entry once its budget is met: the budget
 * is then enforced as is.
 */
export const knownOverBudget: ReadonlyMap<
  string,
  { readonly ceilingGzip: number; readonly found: string }
> = new Map([
  // 43.9 KB at efdfda5 (the session split) and again after the slimming at 5a68e35; the ceiling
  // was 46.0 KB, lowered to ~2% above the size measured.
  ['sipkit-call', { ceilingGzip: 44_800, found: '2026-12-02 (43.9 KB at efdfda5)' }],
  // 48.2 KB at efdfda5, 48.3 KB at 5a68e35: the core app plus ~4.4 KB of @sipkit/react.
  ['sipkit-react-call', { ceilingGzip: 49_300, found: '2026-12-02 (48.2 KB at efdfda5)' }],
]);

/**
 * The register-only app must hold no call code: it builds a `UserAgent` (the UA without calls),
 * which reaches session and media code through nothing but types. Enforced in CI.
 */
export const treeShakingFailsCi = true;
