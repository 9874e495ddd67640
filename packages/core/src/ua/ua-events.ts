import type { IncomingRequest, IncomingResponse } from '../message/index.js';
import type { RegistrationEvents } from '../registration/registrator.js';
import type { Session } from '../session/session.js';
import type { Socket, TransportEvents } from '../transport/index.js';
import type { NetworkChange } from './network-watch.js';
import type { Identity } from './out-of-dialog-request.js';

/**
 * Everything a UA reports, by event name, with JsSIP's names and payload shapes so existing
 * listeners keep working. Call and message events join this map as those features land.
 *
 * @example
 * ua.on('registered', ({ response }) => console.log('registered', response.status));
 */
export interface UAEvents extends RegistrationEvents {
  connecting: { readonly socket: Socket; readonly attempts: number };
  connected: { readonly socket: Socket };
  /**
   * A connection attempt ended: `outcome` is `connected`, `refused` or `timed-out` (nothing
   * answered within `UAOptions.connectTimeout`), `elapsed` ms after it started. Emitted before
   * the `connected` / `disconnected` it leads to.
   */
  connectionAttempt: TransportEvents['attempt'];
  disconnected: {
    readonly socket: Socket;
    readonly error: boolean;
    readonly code: number | undefined;
    readonly reason: string | undefined;
  };
  /**
   * The device's network changed (`UAOptions.network`): the UA probes its connection (or
   * reconnects at once when it had none) and restarts ICE in every call.
   */
  networkChange: { readonly change: NetworkChange };
  /**
   * Calls (a `UA`, not a `UserAgent`): the connection was lost while `calls` calls were up.
   * Their in-dialog requests are queued until it is back, for at most
   * `UAOptions.callRecoveryTimeout`; each call also reports `connection` (`reconnecting`).
   */
  reconnecting: { readonly reason: string; readonly calls: number };
  /**
   * Calls: the connection is back, the UA registered again (when it registers), and each call
   * that was up refreshed its remote target over the new connection (`calls` of them, RFC 3261
   * §12.2.1.2), so the far end's requests reach us again. `elapsed`: ms since the loss.
   */
  recovered: { readonly socket: Socket; readonly calls: number; readonly elapsed: number };
  /**
   * Calls: the connection did not come back within `UAOptions.callRecoveryTimeout`: `calls`
   * calls ended with cause `Connection Error` and `requests` queued in-dialog requests failed.
   */
  recoveryFailed: { readonly reason: string; readonly calls: number; readonly requests: number };
  /**
   * A MESSAGE (RFC 3428) arrived (`remote`, already answered 200) or we are sending one (`local`).
   */
  newMessage: {
    readonly originator: 'local' | 'remote';
    readonly message: {
      readonly from: Identity;
      readonly to: Identity;
      readonly body: string;
      readonly contentType: string;
    };
    readonly request: IncomingRequest | undefined;
  };
  /** An OPTIONS arrived; it was answered 200 with what this UA supports (RFC 3261 §11.2). */
  newOptions: { readonly originator: 'remote'; readonly request: IncomingRequest };
  /**
   * A call starts: one we place (`local`, emitted inside `ua.call` before the INVITE is sent) or
   * an incoming INVITE (`remote`; answer with `session.answer()`, reject with `terminate()`).
   */
  newRTCSession: {
    readonly originator: 'local' | 'remote';
    readonly session: Session;
    readonly request: IncomingRequest | undefined;
  };
  /** A response arrived that matched no transaction; it is dropped (RFC 3261 §8.1.3.1). */
  strayResponse: { readonly response: IncomingResponse };
}
