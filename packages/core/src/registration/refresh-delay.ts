/**
 * When to refresh a registration the registrar granted for `expires` seconds, in ms.
 *
 * Long registrations refresh 32 s early: 32 s is Timer F (64·T1, RFC 3261 §17.1.2.2), so even a
 * refresh that times out ends before the binding does and the app hears about it in time. Short
 * ones (64 s or less) refresh halfway, since 32 s early would be too close to now.
 *
 * @example registrationRefreshDelay(600) // 568000
 */
export function registrationRefreshDelay(expires: number): number {
  const seconds = expires <= 64 ? expires / 2 : expires - 32;
  return Math.max(1, Math.round(seconds * 1000));
}
