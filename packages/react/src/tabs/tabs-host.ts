import {
  createWebRtcMediaHandler,
  type MediaHandlerFactory,
  type UA,
  type UAConfiguration,
  type UALogger,
} from '@sipkit/core';
import type { SipActions } from '../client/sip-actions.js';
import type { SipClient } from '../client/sip-client.js';
import type { SipClientOptions } from '../client/sip-client-options.js';
import type { SipStore } from '../store/create-sip-store.js';

/**
 * What a tab's membership works with: the client's store, its own actions over its own UA, and
 * the one switch it turns (whether this tab runs the UA now).
 *
 * @example const host = tabsHostOf(client, actions, config, options); host.allowUa(false);
 */
export interface TabsHost {
  readonly store: SipStore;
  /** The actions over this tab's own UA (what the owner runs for every tab). */
  readonly actions: SipActions;
  /** The configuration (its identity names the group of tabs). */
  readonly config: () => UAConfiguration;
  /** This tab's UA, when it runs one. */
  readonly ua: () => UA | undefined;
  /** Calls `listener` whenever `ua()` changes; returns the unsubscribe function. */
  readonly subscribeUa: (listener: () => void) => () => void;
  readonly logger: UALogger;
  /** Makes a media handler as this tab's own calls get one (for calls whose media runs here). */
  readonly mediaHandlerFactory: MediaHandlerFactory;
  /** Resolves when the UA is running or stopped as last asked. */
  readonly settled: () => Promise<void>;
  /** This tab runs its UA (the owner; `autoStart={false}` still waits for `start()`) or not. */
  allowUa(allowed: boolean): void;
}

/**
 * The host over a `SipClient`. The client runs its UA when it is wanted: a follower (or a tab
 * still waiting for the election) says `stop()`, the owner `start()`, so the client needs no
 * knowledge of tabs beyond handing itself over.
 *
 * @example const host = tabsHostOf(client, actions, config, options);
 */
export function tabsHostOf(
  client: SipClient,
  actions: SipActions,
  config: UAConfiguration,
  options: SipClientOptions,
): TabsHost {
  return {
    store: client.store,
    actions,
    config: () => config,
    ua: () => client.ua,
    subscribeUa: (listener) => client.subscribeUa(listener),
    logger: client.logger,
    mediaHandlerFactory: (media) =>
      (options.mediaHandlerFactory ?? createWebRtcMediaHandler)(media),
    settled: () => client.settled(),
    allowUa(allowed) {
      if (!allowed) void client.stop();
      else if (options.autoStart !== false) void client.start();
    },
  };
}
