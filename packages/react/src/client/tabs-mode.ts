import type { UAConfiguration, UAOptions } from '@sipkit/core';
import type { SipActions } from './sip-actions.js';
import type { SipClient } from './sip-client.js';
import type { SipClientOptions } from './sip-client-options.js';

/**
 * One tab's membership of a group of tabs sharing one phone, made by `TabsMode.join`. Like the
 * client, construction has no side effects; `mount`/`unmount` start and end the membership. It
 * runs the client's UA only while this tab owns the phone (through `client.start()`/`stop()`).
 *
 * @example const member = mode.join(client, actions, config, options); member.mount();
 */
export interface TabsMember {
  /** What components call: the owner runs them, a follower forwards them to the owner. */
  readonly actions: SipActions;
  mount(): void;
  unmount(): Promise<void>;
  /** The owner's UA options: its page-unload goodbye depends on the other tabs. */
  uaOptions(base: UAOptions): UAOptions;
  /**
   * The configuration the owner's UA is built from: the group's `+sip.instance` when the app set
   * no `instance_id`, so a takeover's REGISTER replaces the binding rather than adding one.
   */
  configuration(config: UAConfiguration): UAConfiguration;
}

/**
 * The value of `<SipProvider tabs>`: how tabs of one app share (or do not share) a phone. An
 * interface, so that `SipProvider` and `SipClient` never import the multi-tab code: an app pays
 * for it only by importing `sharedTabs`.
 *
 * @example <SipProvider config={config} tabs={sharedTabs}>…</SipProvider>
 */
export interface TabsMode {
  /**
   * Makes the membership of the provider whose client is `client`: `actions` are the client's
   * own (over its own UA), `config` and `options` its props when it was made.
   */
  join(
    client: SipClient,
    actions: SipActions,
    config: UAConfiguration,
    options: SipClientOptions,
  ): TabsMember;
}
