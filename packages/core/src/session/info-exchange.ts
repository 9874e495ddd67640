import type { IncomingRequest } from '../message/index.js';
import type { ServerTransaction } from '../transaction/index.js';
import type { CallCore } from './call-core.js';
import { DTMF_RELAY_CONTENT_TYPE, parseDtmfRelay } from './dtmf-relay.js';
import { DtmfSender } from './dtmf-sender.js';
import type { DtmfSendOptions } from './session-options.js';

/**
 * INFO in a call (RFC 6086), both ways, and the DTMF that rides on it (`application/dtmf-relay`)
 * or on RTP (RFC 4733): tones we send queue in one `DtmfSender`; tones we receive in INFO are
 * reported as `newDTMF`, any other INFO as `newInfo`.
 */
export class InfoExchange {
  readonly #core: CallCore;
  #dtmf: DtmfSender | undefined;

  constructor(core: CallCore) {
    this.#core = core;
  }

  /** Sends an INFO; resolves with the final status (0: no answer). */
  send(contentType: string, body: string, extraHeaders: readonly string[]): Promise<number> {
    this.#core.events.emit('newInfo', {
      originator: 'local',
      info: { contentType, body },
      request: undefined,
    });
    return this.#core.request('INFO', { body, contentType, extraHeaders });
  }

  /** Queues DTMF tones, by the call's DTMF transport unless `options` says otherwise. */
  sendDtmf(tones: string, options: DtmfSendOptions): void {
    const core = this.#core;
    this.#dtmf ??= new DtmfSender(core.context.clock, {
      rtp: (tone, duration, gap) =>
        core.negotiation?.media.sendDtmf(tone, { duration, interToneGap: gap }) ?? false,
      info: (tone, duration, extraHeaders) =>
        void core.request('INFO', {
          body: `Signal=${tone}\r\nDuration=${duration}\r\n`,
          contentType: DTMF_RELAY_CONTENT_TYPE,
          extraHeaders,
        }),
      sent: (tone, duration) =>
        core.events.emit('newDTMF', {
          originator: 'local',
          dtmf: { tone, duration },
          request: undefined,
        }),
    });
    const transport = core.options.dtmfTransport ?? 'rfc4733';
    this.#dtmf.send(tones, { transport, ...options });
  }

  /** An INFO from the far end: answered 200, then reported. */
  receive(request: IncomingRequest, transaction: ServerTransaction): void {
    const core = this.#core;
    const contentType = request.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
    transaction.respond(core.response(request, 200));
    const dtmf = contentType === DTMF_RELAY_CONTENT_TYPE ? parseDtmfRelay(request.body) : undefined;
    if (dtmf !== undefined) {
      return core.events.emit('newDTMF', { originator: 'remote', dtmf, request });
    }
    core.events.emit('newInfo', {
      originator: 'remote',
      info: { contentType, body: request.body },
      request,
    });
  }

  /** The call ended: queued tones are dropped. */
  stop(): void {
    this.#dtmf?.stop();
  }
}
