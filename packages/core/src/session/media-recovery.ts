import { SingleTimer } from '../transport/clock.js';
import { Causes, type Cause } from '../ua/causes.js';
import type { CallCore } from './call-core.js';
import { resolveIceRestart, type IceRestartSettings } from './ice-restart-options.js';
import type { OfferExchange } from './offer-exchange.js';
import { MediaStallWatch } from './media-stall.js';
import { isEstablished } from './session-status.js';

/** How often a restart that cannot go yet (an offer is out, no ACK yet, no signalling) looks again. */
const BUSY_RETRY = 500;
/** The longest wait between two restarts (the first waits 1 s, then 2, 4, 8, 8...). */
const MAX_BACKOFF = 8000;
/**
 * How long the callee (not the Call-ID owner) lets the caller restart first when both flows are
 * fine: past its grace period a caller sends its restart at once, so the callee's would only
 * cross it (491, RFC 3261 §14.1 delays: seconds lost). 2 s covers a caller's re-INVITE and
 * answer; a callee whose own flow was found dead never waits, it moved and drives.
 */
export const PEER_FIRST_WAIT = 2000;

/** What a probe of our signalling flow said during this media trouble. */
type FlowVerdict = 'unknown' | 'probing' | 'alive' | 'dead';

/**
 * Keeps an established call's media alive through network trouble (RFC 8445 §2.4 and
 * RFC 8839 §4.4.1.1: an ICE restart is a new offer with new ICE credentials). The media handler's
 * ICE state and inbound audio count drive it:
 *
 * - The audio stalls (`MediaStallWatch`: no new packet for ~1 s while neither side holds) or ICE
 *   goes `disconnected` / `failed`: the UA probes the signalling flow at once (one probe for all
 *   calls). Found dead, we moved: the reconnection's target refresh is one re-INVITE that also
 *   restarts ICE (`TargetRefresh`, via `needsRestart`), and nothing else is sent. Alive, the trouble
 *   is on the media path, or the far end moved and will send its own restart, answered at once.
 * - `disconnected` for longer than the grace period, or `failed`: the call is `reconnecting`
 *   (`CallConnection.lost('media')`) and sends an ICE restart offer in a re-INVITE (491 glare is
 *   `OfferExchange`'s, with the RFC 3261 §14.1 delays), then again after 1, 2, 4, 8 s... up to
 *   `attempts` offers. The callee lets the caller (the Call-ID owner) go first: its first offer
 *   waits `PEER_FIRST_WAIT` more, unless its own flow was found dead. One restart is in flight
 *   at a time, and none while an offer either way is out, before the ACK, or while the
 *   signalling path itself is being recovered.
 * - `connected` / `completed` or audio flowing again (after our restart, the far end's, or ICE
 *   healing alone): the call is `connected` again and every timer stops. A call whose ICE is fine
 *   never re-INVITEs; a stall alone (a far end that stopped sending) costs a CRLF probe.
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
  /** ICE is `disconnected` or `failed` now. */
  #iceTrouble = false;
  #flow: FlowVerdict = 'unknown';
  /** Made once the call is confirmed, where the media handler can count audio packets. */
  #stall: MediaStallWatch | undefined;

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
      else if (status === 'confirmed') this.#watch(true);
    });
    core.events.on('hold', () => this.#stall?.stop());
    core.events.on('unhold', () => this.#watch());
  }

  /**
   * True while the media needs an ICE restart: it is being recovered, ICE is in trouble, the
   * audio stalled, or our flow was found dead under it (we moved). The target refresh after a
   * reconnection is then one re-INVITE that restarts ICE too (`TargetRefresh`), not an UPDATE
   * followed by a second offer.
   */
  get needsRestart(): boolean {
    if (this.#resolveSettings() === false) return false; // the app restarts ICE itself, or not
    return (
      this.#recovering || this.#iceTrouble || this.#stall?.stalled === true || this.#flow === 'dead'
    );
  }

  /** True while a restart offer of ours is out (a caller may join it with `restart()`). */
  get restarting(): boolean {
    return this.#inFlight !== undefined;
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
    if (state === 'closed') return this.#closed();
    if (!isEstablished(core.status)) return;
    if (state === 'connected' || state === 'completed') {
      this.#iceTrouble = false;
      return this.#healed('ICE reconnected');
    }
    if (state !== 'failed' && state !== 'disconnected') return;
    this.#iceTrouble = true;
    this.#suspectFlow(`ICE ${state}`);
    const settings = this.#resolveSettings();
    if (state === 'failed') {
      if (settings !== false) return this.#start('ICE failed', settings);
      core.connection.fail('media', 'ICE failed');
      core.bye([]);
      return core.finish('ended', 'system', Causes.RTP_TIMEOUT, undefined);
    }
    if (settings !== false && !this.#recovering && !this.#timer.pending)
      this.#timer.schedule(settings.gracePeriod, () => this.#start('ICE disconnected', settings));
  }

  #resolveSettings(): IceRestartSettings | false {
    const core = this.#core;
    return (this.#settings ??= resolveIceRestart(core.options.iceRestart, core.context.iceRestart));
  }

  /**
   * Media trouble may be ours: the interface that carried it may be gone, and the WebSocket with
   * it, silently (Chromium fires no event when an interface is deleted). The UA probes the flow
   * at once (one probe for all calls); a dead one is replaced (reconnect, REGISTER) and the
   * target refresh carries our ICE restart. Not again while a probe is out or the flow is known
   * dead (until the media is back); an `alive` verdict is asked again on new evidence, since
   * the network may have changed since (a probe is one CRLF).
   */
  #suspectFlow(reason: string): void {
    if (this.#flow === 'probing' || this.#flow === 'dead') return;
    this.#flow = 'probing';
    void this.#core.context.probeSignalling(`call media lost (${reason})`).then((alive) => {
      if (this.#flow === 'probing') this.#flow = alive ? 'alive' : 'dead';
    });
  }

  /** Starts the stall watch while the call expects media (confirmed, neither side holding). */
  #watch(sentBefore = false): void {
    const core = this.#core;
    const media = core.negotiation?.media;
    const read = media?.audioPacketsReceived;
    if (media === undefined || read === undefined || core.status !== 'confirmed') return;
    this.#stall ??= new MediaStallWatch({
      clock: core.context.clock,
      read: () => read.call(media),
      expectsMedia: () => {
        const negotiation = core.negotiation;
        return (
          core.status === 'confirmed' &&
          negotiation !== undefined &&
          !negotiation.localHold &&
          !negotiation.remoteHold
        );
      },
      stalled: () => this.#suspectFlow('audio stalled'),
      flowing: () => this.#healed('audio flowing again'),
    });
    this.#stall.start(sentBefore);
  }

  #start(reason: string, settings: IceRestartSettings): void {
    if (this.#recovering) return;
    this.#recovering = true;
    this.#attempts = 0;
    this.#core.connection.lost('media', reason);
    this.#deadline.schedule(settings.deadline, () => this.#giveUp('recovery deadline passed'));
    if (!this.#peerFirst()) return this.#next();
    // The far end's restart offer is answered at once when it comes (`OfferExchange`); ours
    // goes only if none came (one that came means ICE is checking: give it the first backoff).
    const remoteBefore = this.#remoteOffers;
    this.#timer.schedule(PEER_FIRST_WAIT, () => {
      if (this.#remoteOffers === remoteBefore) return this.#next();
      this.#timer.schedule(1000, () => this.#next());
    });
  }

  /** The caller restarts first when our flow is not known dead (RFC 3261 §14.1's Call-ID owner). */
  #peerFirst(): boolean {
    return this.#core.dialog?.isUac === false && this.#flow !== 'dead';
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

  #healed(reason: string): void {
    this.#flow = 'unknown';
    if (this.#iceTrouble) return; // audio again, ICE still to follow: its `connected` heals
    this.#timer.cancel();
    if (!this.#recovering) return;
    this.#recovering = false;
    this.#deadline.cancel();
    this.#core.connection.restored('media', reason);
  }

  /**
   * Browsers never report `closed` for a connection the session did not close (close() fires no
   * event): a handler that does says the media ended for good outside the call (a multi-tab
   * media proxy whose tab went away). No restart can help: BYE now; before the ACK or the
   * answer, `terminate()` (it defers a BYE to the ACK, RFC 3261 §15, or sends CANCEL / rejects).
   */
  #closed(): void {
    const core = this.#core;
    if (core.status === 'terminated') return;
    if (core.status === 'confirmed') return this.#end('media closed', Causes.WEBRTC_ERROR);
    core.session.terminate();
  }

  #giveUp(reason: string): void {
    this.#end(reason, Causes.MEDIA_RECOVERY_FAILED);
  }

  #end(reason: string, cause: Cause): void {
    const core = this.#core;
    this.#stop();
    core.connection.fail('media', reason);
    core.bye([]);
    core.finish('ended', 'system', cause, undefined);
  }

  #stop(): void {
    this.#stall?.stop();
    this.#recovering = false;
    this.#timer.cancel();
    this.#deadline.cancel();
  }
}
