import { nowOf, type Clock } from '../transport/clock.js';
import type { TabGoneReason } from './tab-coordinator-options.js';

/** What the liveness watch does on its own: beat, ping a quiet tab, report a gone one. */
export interface TabLivenessActions {
  /** Time for this tab's heartbeat to every tab. */
  beat(): void;
  /** A tab has been quiet for two intervals: ask it directly. */
  ping(tabId: string): void;
  /** A tab stayed silent: it is gone. */
  gone(tabId: string, reason: TabGoneReason): void;
}

interface TabSighting {
  lastHeard: number;
  pingedAt: number | undefined;
  /** Pinged because something else says it is gone: no need to wait for three silent beats. */
  suspected: boolean;
}

/**
 * Which other tabs of the group are alive. Every tab beats every `interval`; any message from a
 * tab counts as a sign of life. A tab quiet for two intervals is pinged directly, and is gone
 * once it has been silent for three intervals and for one more after the ping. The ping is there
 * for background tabs: browsers throttle their timers (down to once a minute), so their
 * heartbeats come late, but their message handlers still run and answer at once. A tab closing
 * politely says goodbye instead (`forget`).
 *
 * @example
 * const liveness = new TabLiveness(clock, 1000, { beat, ping, gone });
 * liveness.start();
 * channel.onmessage = (event) => liveness.heard(event.data.from);
 */
export class TabLiveness {
  readonly #clock: Clock;
  readonly #interval: number;
  readonly #actions: TabLivenessActions;
  readonly #tabs = new Map<string, TabSighting>();
  #timer: unknown;
  #running = false;

  constructor(clock: Clock, interval: number, actions: TabLivenessActions) {
    this.#clock = clock;
    this.#interval = interval;
    this.#actions = actions;
  }

  /** The tabs heard from and not gone, in the order they were first heard. */
  get tabs(): readonly string[] {
    return [...this.#tabs.keys()];
  }

  /** Starts beating and watching. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule();
  }

  /** Stops the timer and forgets every tab. */
  stop(): void {
    this.#running = false;
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#tabs.clear();
  }

  /** A message came from `tabId`; true when the tab was not known (it joined). */
  heard(tabId: string): boolean {
    const sighting = this.#tabs.get(tabId);
    const now = nowOf(this.#clock);
    if (sighting === undefined) {
      this.#tabs.set(tabId, { lastHeard: now, pingedAt: undefined, suspected: false });
      return true;
    }
    sighting.lastHeard = now;
    sighting.pingedAt = undefined;
    sighting.suspected = false;
    return false;
  }

  /**
   * Something says the tab may be gone (the owner's lock passed to this tab without a goodbye):
   * ping it now and report it gone one interval later unless it answers, rather than after three
   * silent intervals. A tab that is alive after all (it stopped and started again) answers.
   */
  suspect(tabId: string): void {
    const sighting = this.#tabs.get(tabId);
    if (sighting === undefined) return;
    sighting.suspected = true;
    if (sighting.pingedAt !== undefined) return;
    sighting.pingedAt = nowOf(this.#clock);
    this.#actions.ping(tabId);
  }

  /** The tab said goodbye; true when it was known. */
  forget(tabId: string): boolean {
    return this.#tabs.delete(tabId);
  }

  #schedule(): void {
    this.#timer = this.#clock.setTimeout(() => this.#tick(), this.#interval);
  }

  #tick(): void {
    if (!this.#running) return;
    this.#actions.beat();
    const now = nowOf(this.#clock);
    for (const [tabId, sighting] of [...this.#tabs]) {
      const quiet = now - sighting.lastHeard;
      if (sighting.pingedAt === undefined) {
        if (quiet >= 2 * this.#interval) {
          sighting.pingedAt = now;
          this.#actions.ping(tabId);
        }
      } else if (
        (sighting.suspected || quiet >= 3 * this.#interval) &&
        now - sighting.pingedAt >= this.#interval
      ) {
        this.#tabs.delete(tabId);
        this.#actions.gone(tabId, 'silent');
      }
    }
    // `gone` may have stopped us (a listener stopping the coordinator).
    if (this.#running) this.#schedule();
  }
}
