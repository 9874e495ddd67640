import { Causes } from '../ua/causes.js';
import { endsDialog } from './dialog-failure.js';
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
    const core = this.#core;
    const response = await core.requestResponse('UPDATE', {
      headers: [...core.context.capabilityHeaders(), ...this.#refresh.refreshHeaders()],
    });
    if (core.status !== 'confirmed') return false;
    const status = response?.status ?? 408;
    if (status >= 200 && status < 300 && response !== undefined) {
      this.#refresh.answered(response);
      return true;
    }
    if (endsDialog(status, core.connection)) {
      core.bye([]);
      core.finish(
        'ended',
        'system',
        status === 481 ? Causes.DIALOG_ERROR : Causes.REQUEST_TIMEOUT,
        response,
      );
    }
    return false;
  }

  async #updateUntilDone(): Promise<boolean> {
    const core = this.#core;
    for (let retries = 0; ; retries++) {
      const response = await this.#offers.whileOfferPending(() =>
        core.requestResponse('UPDATE', {
          headers: [...core.context.capabilityHeaders(), ...this.#refresh.refreshHeaders()],
        }),
      );
      if (core.status !== 'confirmed') return false;
      const status = response?.status ?? 408;
      if (status >= 200 && status < 300 && response !== undefined) {
        this.#refresh.answered(response);
        return true;
      }
      // 481 / 408 end the dialog (RFC 3261 §12.2.1.2), not a 408 while recovering: a failed try.
      if (endsDialog(status, core.connection)) {
        core.bye([]);
        core.finish(
          'ended',
          'system',
          status === 481 ? Causes.DIALOG_ERROR : Causes.REQUEST_TIMEOUT,
          response,
        );
        return false;
      }
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
    core.bye([], [['Reason', 'SIP;cause=408;text="Session Timer Expired"']]);
    core.finish('ended', 'system', Causes.SESSION_TIMER_EXPIRED, undefined);
  }
}
