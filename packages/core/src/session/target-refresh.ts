import { SingleTimer } from '../transport/clock.js';
import { Causes } from '../ua/causes.js';
import type { CallCore } from './call-core.js';
import type { MediaRecovery } from './media-recovery.js';
import type { OfferExchange } from './offer-exchange.js';
import type { SessionRefresh } from './session-refresh.js';
import type { SessionRefresher } from './session-refresher.js';
import { isEstablished } from './session-status.js';

/**
 * How a call's signalling recovery ended: the remote target was refreshed over the new
 * connection, the call ended meanwhile (a 481 to the refresh, a BYE, the app), or the call
 * had nothing to refresh (it was not up, or its signalling was never lost) or the far end refused
 * the refresh with another status (the dialog goes on with the old target, RFC 3261 §14.1).
 */
export type TargetRefreshOutcome = 'refreshed' | 'ended' | 'kept';

/** How often a refresh waiting for an offer of ours (or theirs) to finish looks again. */
const IDLE_POLL_MS = 100;
/** Refreshes tried before keeping the old target, and the wait between them. */
const MAX_ATTEMPTS = 3;
const RETRY_MS = 2000;

/**
 * One call's half of signalling recovery (the UA's `CallRecovery` drives it). A WebSocket
 * client is reachable only through the connection it used (RFC 7118 §5, RFC 5626 §5.3): after a
 * new connection, the far end's BYE, re-INVITE, NOTIFY or refresh would still go to the old flow.
 * A target refresh request sent over the new connection, carrying our Contact, fixes that: the
 * edge proxy (Kamailio's contact alias) records the new flow and the far end takes the new
 * target (RFC 3261 §12.2.1.2, §12.2.2). An UPDATE without SDP when the far end allows it (RFC
 * 3311 §5.1: no media change), else a re-INVITE with the same SDP. Either one also refreshes
 * the session timer (RFC 4028 §7.4). 491 is retried per the glare rules; 481 ends the call, a 408
 * does not while the call is recovering (`dialog-failure.ts`): it is retried like a 430.
 *
 * When the call's media broke too (we moved: the interface that carried both is gone), the
 * refresh is one re-INVITE that also restarts ICE (RFC 8839 §4.4.1.1; the media recovery's
 * offer, joined if it is already out): one offer carries the new Contact and the new
 * candidates, and no UPDATE goes first to race the far end's own offer.
 *
 * @example
 * recovery.lost('WebSocket closed'); // on disconnection
 * const outcome = await recovery.refresh(); // once reconnected (and registered again)
 */
export class TargetRefresh {
  readonly #core: CallCore;
  readonly #offers: OfferExchange;
  readonly #refresher: SessionRefresher;
  readonly #refresh: SessionRefresh;
  readonly #media: MediaRecovery;
  readonly #poll: SingleTimer;
  #endWait: (() => void) | undefined;
  /** The next refresh must carry an offer (a re-INVITE, never an UPDATE without SDP). */
  #offer = false;

  constructor(
    core: CallCore,
    offers: OfferExchange,
    refresher: SessionRefresher,
    refresh: SessionRefresh,
    media: MediaRecovery,
  ) {
    this.#core = core;
    this.#media = media;
    this.#offers = offers;
    this.#refresher = refresher;
    this.#refresh = refresh;
    this.#poll = new SingleTimer(core.context.clock);
  }

  /** True while the call's signalling path is being recovered. */
  get lost(): boolean {
    return this.#core.connection.isLost('signalling');
  }

  /**
   * The connection went down with the call up: `connection` becomes `reconnecting`. `offer`:
   * the refresh is a re-INVITE with an offer from the media handler, as a call resumed in
   * another user agent needs (its handler may be new, and must hear the far end's answer).
   */
  connectionLost(reason: string, offer = false): void {
    if (!isEstablished(this.#core.status)) return;
    this.#offer ||= offer;
    this.#core.connection.lost('signalling', reason);
  }

  /** The connection is back: refreshes the remote target if the call lost its signalling. */
  async refresh(): Promise<TargetRefreshOutcome> {
    const core = this.#core;
    if (!this.lost) return 'kept';
    const media = this.#media;
    const withRestart = media.needsRestart;
    const byUpdate = !withRestart && !this.#offer && this.#refresh.peerAllows('UPDATE');
    const how = withRestart ? 're-INVITE with ICE restart' : byUpdate ? 'UPDATE' : 're-INVITE';
    // An UPDATE without SDP goes at once, beside an offer in flight (`updateTarget`). A
    // re-INVITE is an offer: one at a time (RFC 3261 §14.1), so a hold, ICE restart or refresh
    // of ours in progress, or the far end's offer, runs to its end first (our ICE restart in
    // flight is joined instead: it carries the new Contact too).
    const untilIdle = async (): Promise<void> => {
      if (!byUpdate && !(withRestart && media.restarting)) await this.#untilIdle();
    };
    await untilIdle();
    if (core.status !== 'confirmed') return this.#settled('WebSocket reconnected');
    for (let attempt = 1; ; attempt++) {
      const ok = withRestart
        ? await media.restart()
        : byUpdate
          ? await this.#refresher.updateTarget()
          : await this.#offers.offer('INVITE', false);
      if (hasEnded(core)) return 'ended';
      if (ok) {
        this.#offer = false;
        core.connection.restored('signalling', `target refreshed by ${how}`);
        return 'refreshed';
      }
      if (attempt >= MAX_ATTEMPTS) break;
      // Refused without ending the dialog (480, 430, 5xx...): after a proxy restart the far
      // end reconnects too, and is reachable only once it registered again. Try a bit later.
      await this.#wait(RETRY_MS);
      await untilIdle();
      if (core.status !== 'confirmed') return this.#settled('WebSocket reconnected');
    }
    core.connection.restored('signalling', `${how} refused, target kept`);
    return 'kept';
  }

  /** The connection did not come back in time: the call ends (the BYE goes nowhere now). */
  fail(reason: string): void {
    const core = this.#core;
    this.stop();
    if (core.status === 'terminated') return;
    core.connection.fail('signalling', reason);
    core.finish(
      isEstablished(core.status) ? 'ended' : 'failed',
      'system',
      Causes.CONNECTION_ERROR,
      undefined,
    );
  }

  /** The call ended: nothing stays scheduled, a refresh waiting for its turn gives up. */
  stop(): void {
    this.#poll.cancel();
    this.#endWait?.();
  }

  #settled(reason: string): TargetRefreshOutcome {
    if (this.#core.status === 'terminated') return 'ended';
    this.#core.connection.restored('signalling', reason);
    return 'kept';
  }

  async #untilIdle(): Promise<void> {
    while (!this.#offers.idle && this.#core.status === 'confirmed') await this.#wait(IDLE_POLL_MS);
  }

  #wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#endWait = resolve;
      this.#poll.schedule(ms, resolve);
    });
  }
}

/** Read afresh (TypeScript keeps a narrowed `status` across the awaits above). */
function hasEnded(core: CallCore): boolean {
  return core.status === 'terminated';
}
