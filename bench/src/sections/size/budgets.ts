/**
 * Budgets the code does not meet yet. Failing CI on them would stop every commit until the core
 * is half its size, so until then the check reports them loudly (NOT MET in the table and in
 * BENCHMARKS.md) and fails only when the bundle grows past `ceilingGzip`: CI still catches
 * regressions while the core is slimmed. Delete an entry once its budget is met; the budget is
 * then enforced as is.
 */
export const knownOverBudget: ReadonlyMap<
  string,
  { readonly ceilingGzip: number; readonly found: string }
> = new Map([
  // 42.4 KB measured 2026-12-02 (commit 272e95f); ~5% headroom for work in flight.
  ['sipkit-call', { ceilingGzip: 44_500, found: '2026-12-02: 42.4 KB' }],
  // 46.4 KB measured 2026-12-02 (commit 272e95f): core plus ~4 KB of @sipkit/react.
  ['sipkit-react-call', { ceilingGzip: 48_700, found: '2026-12-02: 46.4 KB' }],
]);

/**
 * The register-only app must hold no call code. It does today (the UA imports Session and the
 * WebRTC media handler eagerly; see BENCHMARKS.md), so this is reported but does not fail CI until
 * the core owner fixes the import; then set it to true.
 */
export const treeShakingFailsCi = false;
