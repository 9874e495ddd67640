import { SingleTimer } from '../transport/clock.js';
import { Causes } from '../ua/causes.js';
import type { CallCore } from './call-core.js';
import { resolveIceRestart, type IceRestartSettings } from './ice-restart-options.js';
import type { OfferExchange } from './offer-exchange.js';
import { isEstablished } from './session-status.js';

/** How often a restart that cannot go yet (an offer is out, no ACK yet, no signalling) looks again. */
const BUSY_RETRY = 500;
/** The longest wait between two restarts (the first waits 1 s, then 2, 4, 8, 8...). */
const MAX_BACKOFF = 8000;

/**
 * Keeps an established call's media alive through network trouble (RFC 8445 §2.4 and
 * RFC 8839 §4.4.1.1: an ICE restart is a new offer with new ICE credentials). The media handler's
 * ICE state drives it:
 *
 * - `disconnected` for longer than the grace period, or `failed`: the call is `reconnecting`
 *   (`CallConnection.lost('media')`) and sends an ICE restart offer in a re-INVITE (491 glare is
 *   `OfferExchange`'s, with the RFC 3261 §14.1 delays), then again after 1, 2, 4, 8 s... up to
 *   `attempts` offers. One restart is in flight at a time, and none while an offer either way is
 *   out, before the ACK, or while the signalling path itself is being recovered.
 * - `connected` / `completed` (after our restart, the far end's, or ICE healing alone): the call
 *   is `connected` again and every timer stops. A call whose ICE is fine never re-INVITEs.
 * - Neither within `deadline` nor within `attempts` restarts: the connection `failed`, BYE, and
 *   the call ends with "Media Recovery Failed".
 *
 * With `iceRestart: false` nothing is restarted automatically and a `failed` ICE ends the call at
 * once with "RTP Timeout" (JsSIP's behaviour); `restartIce()` still works.
 */
export class MediaRecovery {
  readonly #core: CallCore;
  readonly #offers: OfferExchange;
  /** The grace period, then the wait between restarts (never both at once). */
  readonly #timer: SingleTimer;
  readonly #deadline: SingleTimer;
  #settings: IceRestartSettings | false | undefined;
  #recovering = false;
  #attempts = 0;
  #inFlight: Promise<boolean> | undefined;
  /** Offers of the far end answered so far: one during our glare wait makes our retry moot. */
  #remoteOffers = 0;

  constructor(core: CallCore, offers: OfferExchange) {
    this.#core = core;
    this.#offers = offers;
    this.#timer = new SingleTimer(core.context.clock);
    this.#deadline = new SingleTimer(core.context.clock);
    core.mediaState = (state) => this.#observe(state);
    const remoteOffer = ({ request }: { readonly request: { readonly body: string } }): void => {
      if (request.body !== '') this.#remoteOffers++;
    };
    core.events.on('reinvite', remoteOffer);
    core.events.on('update', remoteOffer);
    // However the call ends, nothing of the recovery outlives it.
    core.events.on('statuschange', ({ status }) => {
      if (status === 'terminated') this.#stop();
    });
  }

  /**
   * Sends one ICE restart offer now (`session.restartIce()`), or joins the one in flight. True
   * once the far end answered it (or restarted ICE itself meanwhile).
   */
  restart(method: 'INVITE' | 'UPDATE' = 'INVITE'): Promise<boolean> {
    if (this.#inFlight !== undefined) return this.#inFlight;
    if (this.#recovering) {
      this.#timer.cancel();
      this.#attempts++;
    }
    const remoteBefore = this.#remoteOffers;
    const moot = (): boolean => this.#remoteOffers !== remoteBefore;
    // An offer that cannot even be built or sent is a failed attempt, never a rejection.
    const attempt = this.#offers
      .offer(method, true, () => !moot())
      .then(
        (answered) => answered || moot(),
        () => false,
      );
    this.#inFlight = attempt;
    void attempt.then(() => {
      this.#inFlight = undefined;
      if (!this.#recovering) return;
      const backoff = Math.min(MAX_BACKOFF, 1000 * 2 ** (this.#attempts - 1));
      this.#timer.schedule(backoff, () => this.#next());
    });
    return attempt;
  }

  #observe(state: RTCIceConnectionState | RTCPeerConnectionState): void {
    const core = this.#core;
    if (!isEstablished(core.status)) return;
    if (state === 'connected' || state === 'completed') return this.#healed();
    const settings = (this.#settings ??= resolveIceRestart(
      core.options.iceRestart,
      core.context.iceRestart,
    ));
    if (state === 'failed') {
      if (settings !== false) return this.#start('ICE failed', settings);
      core.connection.fail('media', 'ICE failed');
      core.bye([]);
      return core.finish('ended', 'system', Causes.RTP_TIMEOUT, undefined);
    }
    if (state === 'disconnected' && settings !== false && !this.#recovering && !this.#timer.pending)
      this.#timer.schedule(settings.gracePeriod, () => this.#start('ICE disconnected', settings));
  }

  #start(reason: string, settings: IceRestartSettings): void {
    if (this.#recovering) return;
    this.#recovering = true;
    this.#attempts = 0;
    this.#core.connection.lost('media', reason);
    this.#deadline.schedule(settings.deadline, () => this.#giveUp('recovery deadline passed'));
    this.#next();
  }

  #next(): void {
    const core = this.#core;
    const settings = this.#settings;
    if (!this.#recovering || !settings || this.#inFlight !== undefined) return;
    if (this.#attempts >= settings.attempts)
      return this.#giveUp(`no ICE after ${this.#attempts} restarts`);
    const ready =
      core.status === 'confirmed' && this.#offers.idle && !core.connection.isLost('signalling');
    if (!ready) return this.#timer.schedule(BUSY_RETRY, () => this.#next());
    void this.restart();
  }

  #healed(): void {
    this.#timer.cancel();
    if (!this.#recovering) return;
    this.#recovering = false;
    this.#deadline.cancel();
    this.#core.connection.restored('media', 'ICE reconnected');
  }

  #giveUp(reason: string): void {
    const core = this.#core;
    this.#stop();
    core.connection.fail('media', reason);
    core.bye([]);
    core.finish('ended', 'system', Causes.MEDIA_RECOVERY_FAILED, undefined);
  }

  #stop(): void {
    this.#recovering = false;
    this.#timer.cancel();
    this.#deadline.cancel();
  }
}
