import { SingleTimer, type Clock } from '../transport/clock.js';
import type { NetworkChange } from './network-watch.js';

/**
 * How long after a network change further ones count as the same burst (ms). A move from Wi-Fi
 * to mobile data fires `navigator.connection` `change` several times within a few hundred ms
 * (type, then downlink, then rtt), sometimes with `offline`/`online` around them.
 */
export const NETWORK_BURST_MS = 1000;

/** What a change asks for: the network is there (`online`, `changed`) or gone (`offline`). */
function isDown(change: NetworkChange): boolean {
  return change === 'offline';
}

/**
 * Coalesces bursts of network changes, so a burst costs one reconnection (or probe) and one ICE
 * restart per call instead of one per event. The first change of a burst acts at once (no delay
 * on the first sign); later changes within `NETWORK_BURST_MS` are absorbed, and at the end of
 * that window the last of them acts only if it says the opposite of what was acted on (the
 * network went away after coming back, or came back after going away), opening a new window.
 *
 * @example
 * const burst = new NetworkChangeBurst(systemClock, (change) => reactToNetwork(change, transport));
 * const unwatch = network.watch((change) => burst.receive(change));
 * // on stop: unwatch(); burst.stop();
 */
export class NetworkChangeBurst {
  readonly #timer: SingleTimer;
  readonly #act: (change: NetworkChange) => void;
  /** What the open window acted on. */
  #acted: NetworkChange | undefined;
  /** The last change absorbed in the open window. */
  #latest: NetworkChange | undefined;

  constructor(clock: Clock, act: (change: NetworkChange) => void) {
    this.#timer = new SingleTimer(clock);
    this.#act = act;
  }

  /** One change from the environment (a browser event). */
  receive(change: NetworkChange): void {
    if (this.#timer.pending) this.#latest = change;
    else this.#open(change);
  }

  /** Nothing stays scheduled; absorbed changes are forgotten. */
  stop(): void {
    this.#timer.cancel();
    this.#acted = undefined;
    this.#latest = undefined;
  }

  #open(change: NetworkChange): void {
    this.#acted = change;
    this.#latest = undefined;
    this.#timer.schedule(NETWORK_BURST_MS, () => this.#close());
    this.#act(change);
  }

  #close(): void {
    const latest = this.#latest;
    const acted = this.#acted;
    this.#acted = undefined;
    this.#latest = undefined;
    if (latest !== undefined && acted !== undefined && isDown(latest) !== isDown(acted))
      this.#open(latest);
  }
}
