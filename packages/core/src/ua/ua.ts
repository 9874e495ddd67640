import type { Session } from '../session/session.js';
import type { CallOptions, TerminateOptions } from '../session/session-options.js';
import type { UAConfiguration } from './configuration.js';
import { checkIceRestart } from '../session/ice-restart-options.js';
import { UACalls } from './ua-calls.js';
import type { UAOptions } from './ua-options.js';
import { UserAgent } from './user-agent.js';

/**
 * A SIP user agent over WebSocket with calls, configured exactly like JsSIP's `UA`: everything
 * `UserAgent` does (connection, registration, MESSAGE, OPTIONS) plus `call()` and incoming calls
 * (`newRTCSession`). An app that never calls can use `UserAgent` and keep call code out of its
 * bundle.
 *
 * Construction only validates and prepares: nothing connects until `start()`, so creating a UA
 * during a server render or a React render is harmless.
 *
 * @example
 * const ua = new UA({ uri: 'sip:alice@example.com', sockets: new WebSocketInterface('wss://sip.example.com'), password: 'secret' });
 * ua.on('registered', () => console.log('ready for calls'));
 * ua.start();
 */
export class UA extends UserAgent {
  // Filled when the user agent builds its layers (on start): the calls live with them.
  readonly #feature: { calls?: UACalls };

  constructor(configuration: UAConfiguration, options: UAOptions = {}) {
    checkIceRestart(options.iceRestart);
    const feature: { calls?: UACalls } = {};
    super(configuration, options, (parts) => (feature.calls = new UACalls(parts)));
    this.#feature = feature;
  }

  /**
   * Calls `target` (a SIP URI, `user@host`, a user or a phone number in our domain) and returns
   * the session; `newRTCSession` fires with it at once, before the INVITE goes out. Throws
   * `InvalidTargetError` for a target that is not a SIP address, `InvalidOptionError` for bad
   * `extraHeaders`, Error when the UA is not started.
   *
   * @example const session = ua.call('bob', { mediaConstraints: { audio: true, video: false } });
   */
  call(target: string, options: CallOptions = {}): Session {
    const calls = this.#feature.calls;
    if (this.status !== 'started' || calls === undefined) {
      throw new Error(`cannot call: the UA is ${this.status}`);
    }
    return calls.call(target, options);
  }

  /**
   * Ends every call (JsSIP's `terminateSessions`): CANCEL, a rejection or BYE, as
   * `session.terminate(options)` does for each.
   *
   * @example ua.terminateSessions({ status_code: 486 });
   */
  terminateSessions(options: TerminateOptions = {}): void {
    for (const session of [...this.sessions]) session.terminate(options);
  }

  /** Live calls, oldest first. */
  get sessions(): readonly Session[] {
    return this.#feature.calls?.sessions ?? [];
  }

  /** @internal The calls of a started UA (`resumeCall`); undefined before `start()`. */
  get calls(): UACalls | undefined {
    return this.#feature.calls;
  }
}
