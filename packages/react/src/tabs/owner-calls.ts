import { DEV } from '../dev-mode.js';
import type { Session, UA } from '@sipkit/core';
import { bindSessionToStore } from '../client/bind-session-to-store.js';
import type { TabsHost } from './tabs-host.js';
import type { CallState } from '../store/call-state.js';
import { putCall } from '../store/sip-updates.js';
import type { ActionServer } from './action-server.js';
import type { StoreSnapshot } from './store-mirror.js';
import type { TabGroup } from './tab-group.js';
import type { ServedMedia, SharedDialog, TabsHandover, TabsMedia } from './tabs-plugins.js';

/**
 * What `OwnerCalls` works with.
 *
 * @example new OwnerCalls({ host, server, handover, media, group: () => group, changed: publish });
 */
export interface OwnerCallsHost {
  readonly host: TabsHost;
  readonly server: ActionServer;
  readonly handover: TabsHandover | undefined;
  readonly media: TabsMedia | undefined;
  readonly group: () => TabGroup | undefined;
  /** The dialog state changed: publish it. */
  readonly changed: () => void;
}

interface Resumable {
  readonly call: CallState;
  readonly dialog: SharedDialog;
}

/**
 * The owner's calls as the other tabs need them: each call's dialog state kept current (so the
 * next owner can take it over), calls whose media tab went away ended with BYE, and on a
 * takeover the previous owner's established calls resumed in this tab's UA.
 *
 * @example const calls = new OwnerCalls(host); calls.takeOver(lastSnapshot, tabId, served);
 */
export class OwnerCalls {
  readonly #owner: OwnerCallsHost;
  readonly #dialogs = new Map<string, SharedDialog>();
  readonly #unwatch = new Map<string, () => void>();
  #resumable: Resumable[] = [];
  #served: ServedMedia | undefined;
  #ua: UA | undefined;
  #offUa: (() => void) | undefined;
  #offHost: (() => void) | undefined;

  constructor(owner: OwnerCallsHost) {
    this.#owner = owner;
  }

  /** Follows the host's UA (the member joined its group). */
  start(): void {
    const { host } = this.#owner;
    this.#offHost ??= host.subscribeUa(() => this.#uaChanged(host.ua()));
    this.#uaChanged(host.ua());
  }

  /** Each call's last dialog state, by session id (plain data for `store/state`). */
  dialogs(): Readonly<Record<string, SharedDialog>> {
    return Object.fromEntries(this.#dialogs);
  }

  /**
   * A tab went away (closed, crashed): the calls whose media ran there cannot go on, so they
   * end with BYE (RFC 3261 §15.1.1) rather than stay half-open with nobody on them.
   */
  mediaTabGone(tabId: string): void {
    const ua = this.#ua;
    if (ua === undefined) return;
    for (const alias of this.#owner.server.aliases()) {
      if (alias.tabId !== tabId) continue;
      ua.sessions.find((session) => session.id === alias.sessionId)?.terminate();
    }
  }

  /**
   * This tab became the owner with `snapshot` from the one before: established calls with a
   * dialog state resume once the UA exists; the rest (ringing, being set up: their INVITE
   * transaction died with that tab) end in the store.
   */
  takeOver(snapshot: StoreSnapshot, served: ServedMedia | undefined): void {
    this.#owner.server.adopt(snapshot.aliases);
    this.#served = served;
    const { store } = this.#owner.host;
    for (const call of Object.values(snapshot.state.calls)) {
      if (call.status === 'terminated') continue;
      const dialog = snapshot.dialogs[call.id];
      if (call.status === 'confirmed' && isDialog(dialog) && this.#owner.handover) {
        this.#resumable.push({ call, dialog });
        continue;
      }
      store.setState((state) => {
        const current = state.calls[call.id] ?? call;
        return putCall(state, {
          ...current,
          status: 'terminated',
          endTime: Date.now(),
          cause: 'Connection Error',
          endedBy: 'system',
          answering: false,
        });
      });
    }
    if (this.#ua !== undefined) this.#resumeSoon(this.#ua);
  }

  /** Forgets everything (the member leaves). */
  clear(): void {
    for (const off of this.#unwatch.values()) off();
    this.#unwatch.clear();
    this.#dialogs.clear();
    this.#resumable = [];
    this.#offUa?.();
    this.#offUa = undefined;
    this.#ua = undefined;
    this.#offHost?.();
    this.#offHost = undefined;
  }

  #uaChanged(ua: UA | undefined): void {
    if (ua === this.#ua) return;
    this.#offUa?.();
    this.#offUa = undefined;
    this.#ua = ua;
    if (ua === undefined) return;
    this.#offUa = ua.on('newRTCSession', ({ session }) => this.#watch(session));
    this.#resumeSoon(ua);
  }

  /** `resumeCall` needs a started UA: the client starts it right after handing it over. */
  #resumeSoon(ua: UA): void {
    queueMicrotask(() => {
      if (this.#ua === ua && ua.status === 'started') this.#resume(ua);
    });
  }

  #resume(ua: UA): void {
    const handover = this.#owner.handover;
    const group = this.#owner.group();
    const resumable = this.#resumable;
    this.#resumable = [];
    if (handover === undefined || group === undefined) return;
    const alive = new Set(group.tabs());
    for (const { call, dialog } of resumable) {
      const mediaTab = this.#owner.server.mediaTabOf(call.id);
      const media = this.#owner.media;
      const key = this.#keyOf(call.id);
      // This tab ran the call's media for the previous owner: its session drives it directly.
      const here = mediaTab === group.tabId ? this.#served?.handlerOf(key) : undefined;
      const served =
        media !== undefined &&
        mediaTab !== undefined &&
        mediaTab !== group.tabId &&
        alive.has(mediaTab);
      const mediaHandler =
        here ??
        (served
          ? media.remoteHandler(group, mediaTab, key)
          : this.#owner.host.mediaHandlerFactory({
              mediaConstraints: { audio: true, video: false },
            }));
      let session: Session;
      try {
        session = handover.resumeCall(ua, dialog, { mediaHandler });
      } catch (error) {
        this.#owner.host.logger.warn(
          DEV ? 'sipkit/react: cannot take the call over' : 'react.takeover-failed',
          error,
        );
        continue;
      }
      bindSessionToStore(session, this.#owner.host.store);
      this.#watch(session);
      // The media tab is gone (it was the previous owner, say): the call cannot go on, but the
      // far end must hear so (BYE) rather than keep a half-open dialog.
      if (here === undefined && !served) session.terminate();
    }
  }

  /** The media tab knows the call by the id it asked under: its own for a call it placed. */
  #keyOf(sessionId: string): string {
    const alias = this.#owner.server.aliases().find((a) => a.sessionId === sessionId);
    return alias?.localId ?? sessionId;
  }

  #watch(session: Session): void {
    const handover = this.#owner.handover;
    if (handover === undefined || this.#unwatch.has(session.id)) return;
    const offState = handover.watchCallState(session, (state) => {
      this.#dialogs.set(session.id, state);
      this.#owner.changed();
    });
    const end = (): void => {
      offState();
      offEnded();
      offFailed();
      this.#unwatch.delete(session.id);
      this.#dialogs.delete(session.id);
      this.#owner.server.forget(session.id);
      this.#owner.changed();
    };
    const offEnded = session.on('ended', end);
    const offFailed = session.on('failed', end);
    this.#unwatch.set(session.id, end);
  }
}

function isDialog(value: unknown): value is SharedDialog {
  return typeof value === 'object' && value !== null;
}
