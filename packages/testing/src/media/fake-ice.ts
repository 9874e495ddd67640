import { iceUfrag, type FakeIceCredentials } from './fake-sdp.js';

/**
 * The ICE credentials of a `FakeMediaHandler` through restarts (RFC 8839 §4.4.1.1): ours start
 * with an offer made with `iceRestart` (undone by a rollback), the far end's with a remote offer
 * whose `ice-ufrag` changed (JSEP §5.10: our answer then gets new credentials too). A restart
 * completes when its answer is applied or made.
 *
 * @example
 * ```ts
 * const ice = new FakeIceCredentialsState();
 * ice.offered(true); // generation 2
 * ice.remote('answer', sdp); // true: our restart is complete
 * ```
 */
export class FakeIceCredentialsState {
  /** 1, then one more per restart. */
  generation = 1;
  /** Restarts completed, ours or the far end's. */
  restarts = 0;
  #restarting: 'local' | 'remote' | undefined;
  #remoteUfrag: string | undefined;

  /** The credentials of the current generation. */
  credentials(sessionId: number): FakeIceCredentials {
    const tag = `${sessionId}x${this.generation}`;
    return { ufrag: `fake${tag}`, pwd: `fakepassword${tag}`.padEnd(22, '0') };
  }

  /** A local offer was made. */
  offered(iceRestart: boolean): void {
    if (iceRestart && this.#restarting === undefined) this.#begin('local');
  }

  /** Our offer was rolled back: a restart it began never happened. */
  rolledBack(): void {
    if (this.#restarting !== 'local') return;
    this.#restarting = undefined;
    this.generation -= 1;
  }

  /** A remote description was applied; true when it completed our restart. */
  remote(type: 'offer' | 'answer' | 'pranswer', sdp: string): boolean {
    const ufrag = iceUfrag(sdp);
    const known = this.#remoteUfrag;
    if (type === 'offer' && ufrag !== undefined && known !== undefined && ufrag !== known)
      this.#begin('remote');
    this.#remoteUfrag = ufrag ?? this.#remoteUfrag;
    return type === 'answer' && this.#complete('local');
  }

  /** Our answer was made; true when it completed the far end's restart. */
  answered(): boolean {
    return this.#complete('remote');
  }

  #begin(side: 'local' | 'remote'): void {
    this.#restarting = side;
    this.generation += 1;
  }

  #complete(side: 'local' | 'remote'): boolean {
    if (this.#restarting !== side) return false;
    this.#restarting = undefined;
    this.restarts += 1;
    return true;
  }
}
