import type { MediaHandler, MediaHandlerFactory, Session, UA, UAConfiguration } from '@sipkit/core';
import type { TabGroup } from './tab-group.js';

/**
 * Whether this browser can share a phone between tabs, and if not why.
 *
 * @example const check: TabsAvailability = { ok: false, reason: 'no Web Locks API (navigator.locks)' };
 */
export type TabsAvailability =
  { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * The media tab's side of a call's media: real handlers made on the owner's request, and their
 * streams for `<RemoteAudio>` and the local stream hooks of this tab.
 *
 * @example const served = media.serve(group, createWebRtcMediaHandler); served.streamsOf(id)?.remote;
 */
export interface ServedMedia {
  /** The streams of a call whose media runs in this tab, by the id the owner asked under. */
  streamsOf(
    key: string,
  ):
    | { readonly local: MediaStream | undefined; readonly remote: MediaStream | undefined }
    | undefined;
  /** The live handler of such a call (a takeover by this very tab drives it directly). */
  handlerOf(key: string): MediaHandler | undefined;
  /** Calls `listener` when a stream appears, changes or goes. */
  onChange(listener: () => void): () => void;
  /** Closes every handler it serves (the tab leaves the group). */
  stop(): void;
}

/**
 * How the owner's sessions get their media from another tab (the core's media proxy).
 *
 * @example const handler = media.remoteHandler(group, 't2', callId);
 */
export interface TabsMedia {
  /** Owner side: a `MediaHandler` whose peer connection lives in tab `tabId`. */
  remoteHandler(group: TabGroup, tabId: string, key: string): MediaHandler;
  /** Media-tab side: answers the owner's media requests with handlers from `factory`. */
  serve(group: TabGroup, factory: MediaHandlerFactory): ServedMedia;
}

/**
 * How an established call survives its owner tab (the core's call handover).
 *
 * @example const stop = handover.watchCallState(session, (state) => dialogs.set(session.id, state));
 */
export interface TabsHandover {
  /** Calls `listener` with the call's dialog state (plain data) now and on every change. */
  watchCallState(session: Session, listener: (state: SharedDialog) => void): () => void;
  /** A session for `state` in `ua`, confirmed; refreshes its target once the UA is up. */
  resumeCall(
    ua: UA,
    state: SharedDialog,
    options: { readonly mediaHandler: MediaHandler },
  ): Session;
}

/**
 * A call's dialog state as the tabs share it (the core's `SharedCallState`: plain data).
 *
 * @example const dialog: SharedDialog = snapshot.dialogs[id];
 */
export type SharedDialog = object;

/**
 * What `createSharedTabs` is built from: the coordinator and the media and handover pieces of
 * the core, injectable for tests (fake locks and channels) and for other runtimes.
 *
 * @example createSharedTabs({ coordinator: (group) => new TabCoordinator({ group, locks, openChannel }) })
 */
export interface SharedTabsOptions {
  /** The group a configuration belongs to (tabs with the same one share a phone). */
  readonly groupOf?: (config: UAConfiguration) => string;
  /** Makes this tab's coordinator for `group`. */
  readonly coordinator?: (group: string) => TabGroup;
  /** Whether the browser can share; `single` mode with the reason when it cannot. */
  readonly available?: () => TabsAvailability;
  readonly media?: TabsMedia | undefined;
  readonly handover?: TabsHandover | undefined;
}
