/**
 * How an established call's connection is doing, as one explicit state a UI can show:
 * `connected` (all paths up), `reconnecting` (the media path, the signalling path or both are
 * being recovered), `failed` (recovery gave up; the call ends right after). Two recoveries can run
 * at once (a network change breaks ICE and the WebSocket together), so the state is derived from
 * the set of paths in trouble instead of being set by whichever recovery spoke last.
 */
export type CallConnectionState = 'connected' | 'reconnecting' | 'failed';

/** Which path of a call is in trouble: its media (ICE) or its signalling (the WebSocket flow). */
export type ConnectionPath = 'media' | 'signalling';

/**
 * The `connection` event of a session: the new state, the path whose change caused it, and a
 * short human reason (`"ICE failed"`, `"WebSocket reconnected"`, `"recovery deadline passed"`).
 */
export interface CallConnectionEvent {
  readonly state: CallConnectionState;
  readonly path: ConnectionPath | undefined;
  readonly reason: string;
}

/**
 * Tracks which paths of one call are being recovered and reports each change of the derived
 * state once. The recoveries (media: ICE restart; signalling: target refresh after a reconnect)
 * call `lost` and `restored`; only a state change reaches the listener.
 *
 * @example
 * const connection = new CallConnection((event) => session.emit('connection', event));
 * connection.lost('media', 'ICE failed'); // -> reconnecting
 * connection.restored('media', 'ICE restarted'); // -> connected
 */
export class CallConnection {
  readonly #troubled = new Set<ConnectionPath>();
  readonly #report: (event: CallConnectionEvent) => void;
  #failed = false;

  constructor(report: (event: CallConnectionEvent) => void) {
    this.#report = report;
  }

  get state(): CallConnectionState {
    if (this.#failed) return 'failed';
    return this.#troubled.size === 0 ? 'connected' : 'reconnecting';
  }

  /** True while `path` is being recovered. */
  isLost(path: ConnectionPath): boolean {
    return this.#troubled.has(path);
  }

  /** `path` stopped working; recovery starts. */
  lost(path: ConnectionPath, reason: string): void {
    if (this.#failed || this.#troubled.has(path)) return;
    this.#change(() => this.#troubled.add(path), path, reason);
  }

  /** `path` works again. */
  restored(path: ConnectionPath, reason: string): void {
    if (this.#failed || !this.#troubled.has(path)) return;
    this.#change(() => this.#troubled.delete(path), path, reason);
  }

  /** Recovery gave up: final (the call ends next). */
  fail(path: ConnectionPath | undefined, reason: string): void {
    if (this.#failed) return;
    this.#change(() => (this.#failed = true), path, reason);
  }

  #change(apply: () => void, path: ConnectionPath | undefined, reason: string): void {
    const before = this.state;
    apply();
    const state = this.state;
    if (state !== before) this.#report({ state, path, reason });
  }
}
