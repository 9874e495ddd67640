import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useRegistration } from './hooks/use-registration.js';
import { SipProvider } from './sip-provider.js';
import { renderStrict } from './testing/render.js';
import { sipTestbed } from './testing/sip-testbed.js';
import { Phone } from './testing/test-phone.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function Status({ name }: { readonly name: string }) {
  const { status, connection } = useRegistration();
  return (
    <p data-testid={name}>
      {connection}/{status}
    </p>
  );
}

describe('SipProvider lifecycle', () => {
  it('registers exactly once under StrictMode double mount, and stops everything on unmount', async () => {
    const bed = sipTestbed();
    const alice = bed.phone('alice');
    const view = renderStrict(
      <SipProvider config={alice.config} {...alice.options}>
        <Status name="alice" />
      </SipProvider>,
    );
    await vi.waitFor(() =>
      expect(screen.getByTestId('alice').textContent).toBe('connected/registered'),
    );
    expect(bed.registrations()).toHaveLength(1);
    expect(bed.network.openConnections).toBe(1);
    view.unmount();
    await bed.expectAllStopped();
    expect(bed.sent('REGISTER')).toHaveLength(2); // the registration and its removal
  });

  it('does not reconnect when an inline config is equal by value; restarts once when it changes', async () => {
    const bed = sipTestbed();
    const socket = bed.network.createSocket('alice');
    const { options } = bed.phone('unused');
    const App = ({ name }: { readonly name: string | undefined }) => (
      // A new config object (and a new sockets array) on every render.
      <SipProvider
        config={{ uri: 'sip:alice@sip.test', sockets: [socket], display_name: name ?? null }}
        {...options}
      >
        <Status name="alice" />
      </SipProvider>
    );
    const view = renderStrict(<App name="Alice" />);
    await vi.waitFor(() =>
      expect(screen.getByTestId('alice').textContent).toBe('connected/registered'),
    );
    view.rerender(<App name="Alice" />);
    view.rerender(<App name="Alice" />);
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(bed.registrations()).toHaveLength(1);

    view.rerender(<App name="Alice Liddell" />);
    await vi.waitFor(() => expect(bed.registrations()).toHaveLength(2));
    await vi.waitFor(() =>
      expect(screen.getByTestId('alice').textContent).toBe('connected/registered'),
    );
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(bed.registrations()).toHaveLength(2);
    expect(bed.registrations()[1]).toMatch(/^From: "Alice Liddell"/m);
    expect(bed.network.openConnections).toBe(1);
    view.unmount();
    await bed.expectAllStopped();
  });

  it('cancels a ringing call on unmount: CANCEL on the wire, no socket or timer left', async () => {
    const bed = sipTestbed();
    const views = [
      renderStrict(<Phone name="alice" phone={bed.phone('alice')} />),
      renderStrict(<Phone name="bob" phone={bed.phone('bob')} />),
    ];
    await vi.waitFor(() => {
      expect(screen.getByTestId('alice-registration').textContent).toBe('connected/registered');
      expect(screen.getByTestId('bob-registration').textContent).toBe('connected/registered');
    });
    fireEvent.change(screen.getByLabelText('alice-target'), { target: { value: 'bob' } });
    act(() => void fireEvent.click(screen.getByText('alice-dial')));
    await vi.waitFor(() => expect(screen.getByTestId('alice-call').textContent).toBe('ringing'));
    views[0]!.unmount();
    await vi.waitFor(() => expect(screen.getByTestId('bob-incoming').textContent).toBe(''));
    expect(screen.getByTestId('bob-call').textContent).toBe('none');
    expect(bed.sent('CANCEL')).toHaveLength(1);
    views[1]!.unmount();
    await bed.expectAllStopped();
  });
});
