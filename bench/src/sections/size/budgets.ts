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
  // History of the call app (min+gzip): 43.9 KB at efdfda5 (2026-12-02); 47.9 KB on 2026-12-06
  // after hostile-input hardening (issue 19), the JsSIP API the core lacked (issue 17) and the
  // failover connect timeout (issue 20); 51.3 KB with call recovery (issue 20: ICE restart,
  // target refresh, requests held while disconnected, the network watch) and the extension hook
  // that keeps subscriptions out (issue 23); 55.7 KB at the end of that day, raised on purpose
  // again, all of it behaviour every call carries: +0.9 KB the rest of issue 20 (audio stall
  // watch, one probe verdict, the side that moved drives recovery, network bursts coalesced),
  // +2.3 KB RFC 3262 reliable provisionals with early UPDATE and sendEarlyMedia() (issue 24),
  // +0.8 KB page unload and the OPTIONS keep-alive (issue 24), +0.2 KB the RFC 3891 §3 answers
  // and the single Allow list (issue 23) and the media-change answer hook (issue 24). Issue 26
  // (34 KB) cuts from here; ceilings ~1% above. Lowered to 54.6 KB: production builds keep
  // codes instead of sentences (every folder) and shared readers in session/ (54.1 KB).
  ['sipkit-call', { ceilingGzip: 54_600, found: '2026-12-02 (43.9 KB at efdfda5)' }],
  // The core app plus ~5 KB of @sipkit/react (provider, store with each call's connection state,
  // hooks, the error path of issue 18): 48.2 KB at efdfda5, 60.7 KB with the growth above;
  // 59.0 KB with the production codes of issue 26.
  ['sipkit-react-call', { ceilingGzip: 59_600, found: '2026-12-02 (48.2 KB at efdfda5)' }],
  // No budget before issue 26 (24 KB). 33.3 KB at 67efc7a; 34.4 KB with the page-unload
  // un-REGISTER prepared in advance and the OPTIONS keep-alive (+0.8 KB) and the stall-probe
  // verdict in the transport (+0.3 KB); 33.2 KB with the production codes of issue 26.
  ['sipkit-register', { ceilingGzip: 33_500, found: '2026-12-06 (33.3 KB at 67efc7a)' }],
]);

/**
 * The register-only app must hold no call code: it builds a `UserAgent` (the UA without calls),
 * which reaches session and media code through nothing but types. Enforced in CI.
 */
export const treeShakingFailsCi = true;
