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
  // 43.9 KB at efdfda5 and 5a68e35 (ceiling 44.8 KB). 47.9 KB on 2026-12-06, raised on purpose:
  // +4.0 KB for hostile-input hardening (issue 19: one control-character rule, 400s for malformed
  // requests, API option checks, total REGISTER/challenge paths), the JsSIP API the core lacked
  // (issue 17: ua.set/get, registrator(), terminateSessions, call options, lifecycle events,
  // +sip.instance) and the failover connect timeout (issue 20). 51.3 KB later that day, raised on
  // purpose again: +3.4 KB for call recovery (issue 20: ICE restart with its deadline and glare
  // handling, target refresh after a reconnect, requests held while disconnected, the network
  // watch), which every call carries; +0.2 KB for the extension hook that keeps subscriptions out
  // of this bundle (issue 23). Issue 26 (size budgets) cuts from here. Ceiling ~2% above.
  // 52.4 KB later still, raised on purpose to 53.0 KB: +927 B (51,517 -> 52,444 B) for issue 20's
  // last gaps, part of every call: the audio stall watch, the probe verdict that tells a call
  // whether it moved (one re-INVITE with the new Contact and the ICE restart), the caller-first
  // wait, and network-change bursts coalesced (the register-only app: +271 B, 33,256 -> 33,527).
  // 51.5 -> 53.8 KB on 2026-12-06, raised on purpose (issue 24, h-prack): +2.3 KB for RFC 3262
  // (PRACK per early dialog, reliable 18x with resends and PRACK matching, the 2xx wait),
  // sendEarlyMedia() and UPDATE in the early dialog (RFC 3311), which every call carries.
  // Ceiling ~1% above.
  ['sipkit-call', { ceilingGzip: 54_300, found: '2026-12-02 (43.9 KB at efdfda5)' }],
  // 48.2 KB at efdfda5; 52.7 KB on 2026-12-06 (the same core growth, plus the error path of
  // issue 18 in @sipkit/react): the core app plus ~4.8 KB of @sipkit/react. 56.2 KB later that
  // day: the same call-recovery growth, plus each call's connection state in the store. 58.0 KB
  // for the same +947 B of issue 20 in the core (56,466 -> 57,413 B); 58.7 KB more
  // with issue 24's reliable provisionals (56.5 KB before: the same +2.3 KB of core).
  ['sipkit-react-call', { ceilingGzip: 59_200, found: '2026-12-02 (48.2 KB at efdfda5)' }],
  // Issue 26 set the budgets now in apps.ts (34 / 38 / 24 KB, 0.6x JsSIP for the call app) in
  // place of the withdrawn 20 / 26 KB; the register-only app had none before. 33.3 KB on
  // 2026-12-06; ceiling ~2% above.
  ['sipkit-register', { ceilingGzip: 34_000, found: '2026-12-06 (33.3 KB at 67efc7a)' }],
]);

/**
 * The register-only app must hold no call code: it builds a `UserAgent` (the UA without calls),
 * which reaches session and media code through nothing but types. Enforced in CI.
 */
export const treeShakingFailsCi = true;
