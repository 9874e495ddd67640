import type { ReferProgress } from '@sipkit/core';
import { EventEmitter } from './event-emitter.js';

/** Events of a REFER we sent (JsSIP's `ReferSubscriber`). */
export interface ReferSubscriberEventMap {
  /** The REFER itself was accepted (2xx). */
  requestSucceeded: { readonly response: undefined };
  /** The REFER was refused or not answered; `status_code` 0 when nothing came back. */
  requestFailed: {
    readonly response: undefined;
    readonly cause: string;
    readonly status_code: number;
  };
  /** NOTIFY: the transferee's call got 100. */
  trying: { readonly request: undefined; readonly status_line: ReferProgress };
  /** NOTIFY: the transferee's call got a provisional response. */
  progress: { readonly request: undefined; readonly status_line: ReferProgress };
  /** NOTIFY: the transferee's call was answered. */
  accepted: { readonly request: undefined; readonly status_line: ReferProgress };
  /** NOTIFY: the transferee's call failed. */
  failed: { readonly request: undefined; readonly status_line: ReferProgress };
}

/** JsSIP-style `eventHandlers` of `session.refer()`. */
export type ReferEventHandlers = {
  readonly [K in keyof ReferSubscriberEventMap]?: (event: ReferSubscriberEventMap[K]) => void;
};

/**
 * What `session.refer()` returns: the progress of a transfer (RFC 3515), reported from the
 * REFER's final response and the transferee's NOTIFYs (RFC 3515 §2.4.5 sipfrag).
 *
 * @example session.refer('sip:carol@example.com').on('accepted', () => session.terminate());
 */
export class ReferSubscriber extends EventEmitter<ReferSubscriberEventMap> {
  /** @internal Reports the REFER's final status (0: no answer). */
  requestDone(status: number): void {
    if (status >= 200 && status < 300) this.emit('requestSucceeded', { response: undefined });
    else
      this.emit('requestFailed', {
        response: undefined,
        cause: status === 0 ? 'Request Timeout' : 'SIP Failure Code',
        status_code: status,
      });
  }

  /** @internal Reports one NOTIFY's status line. */
  notified(progress: ReferProgress): void {
    const payload = { request: undefined, status_line: progress };
    if (progress.status === 100) this.emit('trying', payload);
    else if (progress.status < 200) this.emit('progress', payload);
    else if (progress.status < 300) this.emit('accepted', payload);
    else this.emit('failed', payload);
  }
}
