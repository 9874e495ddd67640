import { browserOpenTabChannel, browserTabLocks } from './tab-transport.js';

/** Whether tabs can share one phone here, and why not. */
export type SharedTabsSupport =
  { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** The browser features sharing needs, for tests and non-window scopes. */
export interface SharedTabsEnvironment {
  readonly locks?: unknown;
  readonly BroadcastChannel?: unknown;
}

/**
 * Whether this page can share one phone across tabs: it needs the Web Locks API (to elect the
 * tab that runs the UA) and `BroadcastChannel` (to talk). Where either is missing each tab runs
 * its own UA, and `reason` says why in words an app can show.
 *
 * @example
 * const support = sharedTabsAvailable();
 * if (!support.ok) console.info(support.reason);
 */
export function sharedTabsAvailable(environment?: SharedTabsEnvironment): SharedTabsSupport {
  const locks =
    environment === undefined
      ? browserTabLocks()
      : (environment.locks as { request?: unknown } | null | undefined);
  const channel =
    environment === undefined ? browserOpenTabChannel() : environment.BroadcastChannel;
  if (typeof locks?.request !== 'function') {
    return {
      ok: false,
      reason:
        'This page has no Web Locks API (navigator.locks; browsers offer it only on https or ' +
        'localhost), so each tab runs its own phone.',
    };
  }
  if (typeof channel !== 'function') {
    return {
      ok: false,
      reason: 'This page has no BroadcastChannel, so each tab runs its own phone.',
    };
  }
  return { ok: true };
}
