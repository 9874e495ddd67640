import { TabCoordinator } from '@sipkit/core';
import { createFakeTabEnvironment, type FakeTab } from '@sipkit/testing';
import { act, type RenderResult } from '@testing-library/react';
import { useEffect, type ReactNode } from 'react';
import type { SipActions } from '../client/sip-actions.js';
import { useCall } from '../hooks/use-call.js';
import { useSipActions } from '../hooks/use-sip-actions.js';
import { renderStrict } from './render.js';
import { sipTestbed, type TestPhone } from './sip-testbed.js';
import { Phone } from './test-phone.js';
import { createSharedTabs } from '../tabs/shared-tabs.js';
import type { SharedTabsOptions } from '../tabs/tabs-plugins.js';
import { useTabs } from '../tabs/use-tabs.js';

/** `<name>-tabs`: `mode/role` of the tab, from `useTabs()`. */
export function TabRoleView({ name }: { readonly name: string }): ReactNode {
  const { mode, role, reason } = useTabs();
  return (
    <p data-testid={`${name}-tabs`}>
      {mode}/{role}
      {reason === undefined ? '' : ` (${reason})`}
    </p>
  );
}

/** Hands the provider's actions to the test (`actionsRef.current`). */
export function GrabActions({
  actionsRef,
}: {
  readonly actionsRef: { current?: SipActions };
}): ReactNode {
  const actions = useSipActions();
  useEffect(() => {
    actionsRef.current = actions;
  });
  return null;
}

/** `<name>-streams`: which streams of the current call this tab has (`local,remote`). */
export function StreamsView({ name }: { readonly name: string }): ReactNode {
  const { state } = useCall();
  return (
    <p data-testid={`${name}-streams`}>
      {state?.localStream === undefined ? '-' : 'local'},
      {state?.remoteStream === undefined ? '-' : 'remote'}
    </p>
  );
}

/** One fake browser tab running alice's phone with `sharedTabs`. */
export interface OpenedTab {
  readonly name: string;
  readonly fake: FakeTab;
  readonly phone: TestPhone;
  readonly view: RenderResult;
  /** The tab's `useSipActions()`. */
  readonly actions: { current?: SipActions };
}

/**
 * The in-memory SIP network, a fake browser (shared Web Locks and BroadcastChannels), and
 * alice's phone opened in tabs of it, each a `<SipProvider tabs>` of its own (in one document,
 * as three tabs would be in three).
 */
export function tabsTestbed(extra: (fake: FakeTab) => Partial<SharedTabsOptions> = () => ({})) {
  const bed = sipTestbed();
  const browser = createFakeTabEnvironment();
  const opened: OpenedTab[] = [];

  function openTab(name: string): OpenedTab {
    const fake = browser.openTab();
    const base = bed.phone('alice');
    const tabs = createSharedTabs({
      coordinator: (group) =>
        new TabCoordinator({
          group,
          locks: fake.locks,
          openChannel: fake.openChannel,
          pageLifecycle: fake.page.lifecycle,
        }),
      ...extra(fake),
    });
    const phone: TestPhone = {
      ...base,
      options: {
        ...base.options,
        tabs,
        uaOptions: { ...base.options.uaOptions, pageLifecycle: fake.page.lifecycle },
      },
    };
    const actions: { current?: SipActions } = {};
    const view = renderStrict(
      <Phone name={name} phone={phone}>
        <TabRoleView name={name} />
        <StreamsView name={name} />
        <GrabActions actionsRef={actions} />
      </Phone>,
    );
    const tab = { name, fake, phone, view, actions };
    opened.push(tab);
    return tab;
  }

  /** The tab goes as a closed or crashed browser tab does: no goodbye, its locks released. */
  function crashTab(tab: OpenedTab): void {
    browser.closeTab(tab.fake);
    // Its connection goes with the page (the server sees it close), then its JavaScript stops:
    // the unmount can send nothing on a closed socket and a closed channel.
    bed.network.unplug(tab.phone.config.sockets as Parameters<typeof bed.network.unplug>[0]);
    act(() => tab.view.unmount());
  }

  return { ...bed, bed, browser, openTab, crashTab, opened };
}
