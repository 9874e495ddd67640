import { SipClient, SipContext, type TabsState } from '@sipkit/react';
import { SipNetwork, SipProxyServer } from '@sipkit/testing';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TabRole } from './tab-role.js';

/** A provider's client that never starts (no mount): only its store, whose `tabs` the test sets. */
function client(): SipClient {
  const network = new SipNetwork({ endpoint: new SipProxyServer({ host: 'sip.test' }) });
  return new SipClient({ uri: 'sip:alice@sip.test', sockets: network.createSocket('alice') });
}

/** Renders `<TabRole>` over a store whose `tabs` slice is `tabs` (absent: no `tabs` prop). */
function show(tabs?: TabsState) {
  const sip = client();
  if (tabs !== undefined) act(() => sip.store.setState({ tabs }));
  const view = render(
    <SipContext.Provider value={sip}>
      <TabRole />
    </SipContext.Provider>,
  );
  return { sip, view };
}

describe('<TabRole>', () => {
  it('says which tab runs the phone, and follows the role as it changes', () => {
    const { sip } = show({ mode: 'shared', role: 'follower', tabId: 't2' });
    const role = screen.getByText('Phone: another tab');
    expect(role.getAttribute('data-role')).toBe('follower');

    // The owner tab closed and this one took over.
    act(() => sip.store.setState({ tabs: { mode: 'shared', role: 'owner', tabId: 't2' } }));
    expect(screen.getByText('Phone: this tab').getAttribute('data-role')).toBe('owner');

    act(() => sip.store.setState({ tabs: { mode: 'shared', role: 'pending', tabId: 't2' } }));
    expect(screen.getByText('Phone: joining…').getAttribute('data-role')).toBe('pending');
  });

  it('shows nothing for a phone of its own, and why when sharing was asked for but cannot run', () => {
    const { view } = show();
    expect(view.container.textContent).toBe('');
    view.unmount();

    const reason = 'this browser has no Web Locks API (navigator.locks)';
    show({ mode: 'single', role: 'owner', reason, tabId: undefined });
    const role = screen.getByText('Phone: this tab only');
    expect(role.getAttribute('title')).toBe(reason);
  });
});
