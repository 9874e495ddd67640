import type { WebSocketConstructor } from '@sipkit/core';
import { WebSocket } from 'ws';

/** What crossed the load run's WebSockets, counted (not stored: 200 UAs make many frames). */
export class FrameCounter {
  /** REGISTER requests sent (un-REGISTERs included). */
  registersSent = 0;
  /** Final responses (>= 200) received to REGISTER: every REGISTER must get one. */
  registersAnswered = 0;
  /** 2xx to REGISTER. */
  registersOk = 0;
  invitesSent = 0;
  byesSent = 0;
  /**
   * 2xx to REGISTER by AOR (the To URI): a UA with two has refreshed. Counted on the wire because
   * JsSIP emits `registered` only when the state changes, not on a refresh.
   */
  readonly #registerOkByAor = new Map<string, number>();

  /** 2xx to REGISTER received for `aor` (`sip:user@domain`). */
  registerOks(aor: string): number {
    return this.#registerOkByAor.get(aor) ?? 0;
  }

  /**
   * A `ws` WebSocket that counts for this counter: what `WebSocketInterface` gets as its
   * `WebSocket` option, and what JsSIP gets as the global `WebSocket`.
   */
  get WebSocket(): WebSocketConstructor {
    const sent = (text: string): void => this.#sent(text);
    const received = (text: string): void => this.#received(text);
    return class CountedWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        this.on('message', (data: Buffer) => received(data.toString('utf8')));
      }

      override send(data: string): void {
        sent(data);
        super.send(data);
      }
    };
  }

  #sent(text: string): void {
    if (text.startsWith('REGISTER ')) this.registersSent += 1;
    else if (text.startsWith('INVITE ')) this.invitesSent += 1;
    else if (text.startsWith('BYE ')) this.byesSent += 1;
  }

  #received(text: string): void {
    const status = /^SIP\/2\.0 (\d{3})/.exec(text)?.[1];
    if (status === undefined || Number(status) < 200) return;
    // The CSeq method says which request this answers (RFC 3261 §8.1.3.3); compact forms unused.
    if (!/^CSeq:\s*\d+\s+REGISTER\s*$/im.test(text)) return;
    this.registersAnswered += 1;
    if (!status.startsWith('2')) return;
    this.registersOk += 1;
    const aor = /^(?:To|t):[^<\r\n]*<([^>;]+)/im.exec(text)?.[1];
    if (aor !== undefined) this.#registerOkByAor.set(aor, this.registerOks(aor) + 1);
  }
}
