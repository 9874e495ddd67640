import { DEV } from '../../diagnostics/dev-mode.js';

/**
 * The media tab of a call is gone (closed, crashed, or silent past the RPC timeout), so a media
 * call of the owner tab's `RemoteMediaHandler` cannot be answered. Pending and later calls
 * reject with it; the handler also reports its media `closed`, so the session ends the call
 * with BYE. Nothing to change in the app: the call cannot go on without its media; place it
 * again from a live tab.
 *
 * @example
 * ```ts
 * try { await handler.getStats(); } catch (e) {
 *   if (e instanceof MediaTabGoneError) console.log(e.mediaTab, e.method, e.reason);
 * }
 * ```
 */
export class MediaTabGoneError extends Error {
  override readonly name = 'MediaTabGoneError';
  /** The tab that held the call's media. */
  readonly mediaTab: string;
  /** The call, as the owner named it. */
  readonly callKey: string;
  /** The handler method that could not be answered (`createOffer`, `getStats`...). */
  readonly method: string;
  /** Why the tab counts as gone: `closed` (the coordinator said so) or `timeout`. */
  readonly reason: 'closed' | 'timeout';

  constructor(init: {
    readonly mediaTab: string;
    readonly callKey: string;
    readonly method: string;
    readonly reason: 'closed' | 'timeout';
  }) {
    super(
      DEV
        ? init.reason === 'timeout'
          ? `media tab ${init.mediaTab} did not answer ${init.method} for call ${init.callKey} in time; the call's media is considered gone`
          : `media tab ${init.mediaTab} closed: ${init.method} for call ${init.callKey} cannot run`
        : `tabs.media-tab-gone ${init.reason} ${init.method} tab=${init.mediaTab} call=${init.callKey}`,
    );
    this.mediaTab = init.mediaTab;
    this.callKey = init.callKey;
    this.method = init.method;
    this.reason = init.reason;
  }
}
