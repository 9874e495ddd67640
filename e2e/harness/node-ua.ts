import {
  UA,
  WebSocketInterface,
  type MediaHandlerFactory,
  type UAConfiguration,
  type UAEvents,
  type UAOptions,
} from '@sipkit/core';
import { createFakeMediaHandler } from '@sipkit/testing';
import { SIP_DOMAIN, TEST_PASSWORD, type Kamailio } from './kamailio.js';
import { WireTrace } from './wire-trace.js';

export interface NodeUAOptions {
  /** Defaults to the password kamailio.cfg accepts. */
  readonly password?: string;
  /** Anything else of JsSIP's configuration. */
  readonly configuration?: Partial<UAConfiguration>;
  /**
   * Node has no WebRTC, so calls get the fake media handler of @sipkit/testing by default. That
   * is enough against SIPp, which checks signalling and sends no media.
   */
  readonly mediaHandlerFactory?: MediaHandlerFactory;
  /** Our options beyond JsSIP's configuration (keep-alive, timeouts...). */
  readonly uaOptions?: UAOptions;
}

/** A UA of ours in this Node process, through Kamailio's WebSocket, with its wire recorded. */
export interface TracedUA {
  readonly ua: UA;
  readonly wire: WireTrace;
  readonly aor: string;
}

/** Creates (does not start) a UA for `user@SIP_DOMAIN` on `kamailio`. */
export function nodeUA(kamailio: Kamailio, user: string, options: NodeUAOptions = {}): TracedUA {
  const wire = new WireTrace();
  const aor = `sip:${user}@${SIP_DOMAIN}`;
  const ua = new UA(
    {
      uri: aor,
      password: options.password ?? TEST_PASSWORD,
      sockets: [new WebSocketInterface(kamailio.wsUrl, { WebSocket: wire.WebSocket })],
      ...options.configuration,
    },
    {
      ...options.uaOptions,
      mediaHandlerFactory: options.mediaHandlerFactory ?? createFakeMediaHandler,
    },
  );
  return { ua, wire, aor };
}

/** The next `event` of `ua`, or a rejection after `timeoutMs`. */
export function nextEvent<K extends keyof UAEvents>(
  ua: UA,
  event: K,
  timeoutMs = 10_000,
): Promise<UAEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = ua.once(event, (payload) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Starts the UA and waits for its first registration (or fails with what went wrong). */
export function startRegistered(traced: TracedUA, timeoutMs = 10_000): Promise<void> {
  const { ua, wire } = traced;
  return new Promise((resolve, reject) => {
    const done = (error?: Error): void => {
      clearTimeout(timer);
      offRegistered();
      offFailed();
      if (error === undefined) resolve();
      else reject(error);
    };
    const timer = setTimeout(
      () => done(new Error(`not registered within ${timeoutMs} ms\n${wire.summary()}`)),
      timeoutMs,
    );
    const offRegistered = ua.once('registered', () => done());
    const offFailed = ua.once('registrationFailed', ({ cause }) =>
      done(new Error(`registration failed: ${cause}\n${wire.summary()}`)),
    );
    ua.start();
  });
}
