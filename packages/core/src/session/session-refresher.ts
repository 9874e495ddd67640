import type { IncomingResponse } from '../message/index.js';
import { Causes } from '../ua/causes.js';
import type { CallCore } from './call-core.js';
import { glareRetryDelay, MAX_GLARE_RETRIES } from './glare-delay.js';
import type { OfferExchange } from './offer-exchange.js';
import type { SessionRefresh } from './session-refresh.js';

/**
 * What the session timer makes a call do (RFC 4028 §10): send the refresh when we are the
 * refresher, hang up when we are not and the far end's refresh did not come. `SessionRefresh`
 * decides when; this sends the requests.
 */
export class SessionRefresher {
  readonly #core: CallCore;
  readonly #offers: OfferExchange;
  readonly #refresh: SessionRefresh;

  constructor(core: CallCore, offers: OfferExchange, refresh: SessionRefresh) {
    this.#core = core;
    this.#offers = offers;
    this.#refresh = refresh;
  }

  // RFC 4028 §10: the refresher refreshes at half the interval. A re-INVITE carries our current
  // SDP as an offer (same media); an UPDATE carries no SDP. Any refresh already in flight (a hold
  // re-INVITE, the far end's offer) refreshes the session too, so none is added then.
  async send(method: 'UPDATE' | 'INVITE'): Promise<void> {
    const core = this.#core;
    if (core.status !== 'confirmed' || !this.#offers.idle) {
      return this.#refresh.retryLater();
    }
    if (method === 'INVITE') {
      if (!(await this.#offers.offer('INVITE', false)) && core.status === 'confirmed')
        this.#refresh.retryLater();
      return;
    }
    await this.#offers.exclusively(() => this.#updateUntilDone());
  }

  /**
   * A target refresh by UPDATE without SDP, sent now even while an offer either way is out: it
   * carries no offer (RFC 3311 §5.1), so it needs no turn in the offer procedure and must not
   * wait behind one. After a reconnection our offer in flight (an ICE restart) can be refused 491
   * again and again by a far end whose own re-INVITE hangs on our dead flow until its proxy
   * answers 408 (Kamailio: ~5 s): only the refreshed target lets the far end's retry reach us
   * (issue 20, scenario 4). True once a 2xx came; 481, and 408 on a healthy call, end the call.
   */
  async updateTarget(): Promise<boolean> {
    return this.#judgeUpdate(await this.#sendUpdate()) === 'done';
  }

  #sendUpdate(): Promise<IncomingResponse | undefined> {
    const core = this.#core;
    return core.requestResponse('UPDATE', {
      headers: [...core.context.capabilityHeaders(), ...this.#refresh.refreshHeaders()],
    });
  }

  /**
   * What an UPDATE's answer means: `done` (2xx, the timer restarts), `ended` (the call is over:
   * it ended meanwhile, or 481 / 408 end the dialog, RFC 3261 §12.2.1.2, except a 408 while
   * recovering, which is a failed try), or `refused` with the status for the caller to weigh.
   */
  #judgeUpdate(
    response: IncomingResponse | undefined,
  ): 'done' | 'ended' | { readonly refused: number } {
    const core = this.#core;
    if (core.status !== 'confirmed') return 'ended';
    const status = response?.status ?? 408;
    if (status >= 200 && status < 300 && response !== undefined) {
      this.#refresh.answered(response);
      return 'done';
    }
    return core.endIfDialogGone(status, response) ? 'ended' : { refused: status };
  }

  async #updateUntilDone(): Promise<boolean> {
    const core = this.#core;
    for (let retries = 0; ; retries++) {
      const outcome = this.#judgeUpdate(
        await this.#offers.whileOfferPending(() => this.#sendUpdate()),
      );
      if (outcome === 'done') return true;
      if (outcome === 'ended') return false;
      const status = outcome.refused;
      if (status !== 491 || retries >= MAX_GLARE_RETRIES) {
        this.#refresh.retryLater();
        return false;
      }
      await this.#offers.wait(glareRetryDelay(core.dialog?.isUac ?? true, core.context.random));
      if (core.status !== 'confirmed') return false;
    }
  }

  // RFC 4028 §10: no refresh came by interval - min(32, interval / 3): the session is gone.
  expire(): void {
    const core = this.#core;
    if (core.status === 'terminated') return;
    core.hangUp(Causes.SESSION_TIMER_EXPIRED, undefined, [
      ['Reason', 'SIP;cause=408;text="Session Timer Expired"'],
    ]);
  }
}
