import type { MediaHandlerFactory, UA, UAConfiguration, UALogger, UAOptions } from '@sipkit/core';
import type { SipStore } from '../store/create-sip-store.js';
import type { SipActions } from './sip-actions.js';

/**
 * What a `SipClient` lends its tab-sharing member: its store, its own actions over its own UA,
 * and the one switch it obeys (whether this tab may run the UA now).
 *
 * @example const member = sharedTabs.join(host); host.allowUa(member.role === 'owner');
 */
export interface TabsHost {
  readonly store: SipStore;
  /** The actions over this tab's own UA (what the owner runs for every tab). */
  readonly actions: SipActions;
  /** The configuration in force (its identity names the group of tabs). */
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
  /** Lets this tab run its UA (the owner) or not (a follower, or while the election runs). */
  allowUa(allowed: boolean): void;
}

/**
 * One tab's membership of a group of tabs sharing one phone, made by `TabsMode.join`. Like the
 * client, construction has no side effects; `mount`/`unmount` start and end the membership.
 *
 * @example const member = mode.join(host); member.mount(); await member.unmount();
 */
export interface TabsMember {
  /** What components call: the owner runs them, a follower forwards them to the owner. */
  readonly actions: SipActions;
  mount(): void;
  unmount(): Promise<void>;
  /** The owner's UA options: its media handlers and page-unload behaviour depend on the tabs. */
  uaOptions(base: UAOptions): UAOptions;
}

/**
 * The value of `<SipProvider tabs>`: how tabs of one app share (or do not share) a phone. An
 * interface so that `SipProvider` and `SipClient` never import the multi-tab code: an app pays
 * for it only by importing `sharedTabs`.
 *
 * @example <SipProvider config={config} tabs={sharedTabs}>…</SipProvider>
 */
export interface TabsMode {
  join(host: TabsHost): TabsMember;
}
