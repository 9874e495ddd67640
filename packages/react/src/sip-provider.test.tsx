import { until } from './testing/until.js';
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Causes } from '@sipkit/core';
import type { VirtualSocket } from '@sipkit/testing';
import { SipClient } from './client/sip-client.js';
import type { SipActions } from './client/sip-actions.js';
import { useRegistration } from './hooks/use-registration.js';
import { useSipActions } from './hooks/use-sip-actions.js';
import { useSipClient } from './hooks/use-sip-client.js';
import { useSipStore } from './hooks/use-sip-store.js';
import { SipProvider } from './sip-provider.js';
import { renderStrict } from './testing/render.js';
import { sipTestbed } from './testing/sip-testbed.js';
import { Phone } from './testing/test-phone.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
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
    const mount = vi.spyOn(SipClient.prototype, 'mount');
    const unmount = vi.spyOn(SipClient.prototype, 'unmount');
    const bed = sipTestbed();
    const alice = bed.phone('alice');
    const view = renderStrict(
      <SipProvider config={alice.config} {...alice.options}>
        <Status name="alice" />
      </SipProvider>,
    );
    await until(() => expect(screen.getByTestId('alice').textContent).toBe('connected/registered'));
    expect(bed.registrations()).toHaveLength(1);
    expect(bed.network.openConnections).toBe(1);
    // StrictMode did mount, unmount and mount again: the deferred teardown was cancelled.
    expect(mount).toHaveBeenCalledTimes(2);
    expect(unmount).toHaveBeenCalledTimes(1);
    view.unmount();
    await bed.expectAllStopped();
    expect(unmount).toHaveBeenCalledTimes(2);
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
    await until(() => expect(screen.getByTestId('alice').textContent).toBe('connected/registered'));
    view.rerender(<App name="Alice" />);
    view.rerender(<App name="Alice" />);
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(bed.registrations()).toHaveLength(1);

    view.rerender(<App name="Alice Liddell" />);
    await until(() => expect(bed.registrations()).toHaveLength(2));
    await until(() => expect(screen.getByTestId('alice').textContent).toBe('connected/registered'));
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
    await until(() => {
      expect(screen.getByTestId('alice-registration').textContent).toBe('connected/registered');
      expect(screen.getByTestId('bob-registration').textContent).toBe('connected/registered');
    });
    fireEvent.change(screen.getByLabelText('alice-target'), { target: { value: 'bob' } });
    act(() => void fireEvent.click(screen.getByText('alice-dial')));
    await until(() => expect(screen.getByTestId('alice-call').textContent).toBe('ringing'));
    views[0]!.unmount();
    await until(() => expect(screen.getByTestId('bob-incoming').textContent).toBe(''));
    expect(screen.getByTestId('bob-call').textContent).toBe('none');
    expect(bed.sent('CANCEL')).toHaveLength(1);
    views[1]!.unmount();
    await bed.expectAllStopped();
  });

  it('with autoStart={false} waits for start(); stop() ends it; useSipClient follows the UA', async () => {
    const bed = sipTestbed();
    const alice = bed.phone('alice');
    const handle: { actions?: SipActions } = {};
    const Controls = () => {
      Object.assign(handle, { actions: useSipActions() });
      const ua = useSipClient();
      return <p data-testid="ua">{ua === undefined ? 'no ua' : ua.status}</p>;
    };
    const view = renderStrict(
      <SipProvider config={alice.config} {...alice.options} autoStart={false}>
        <Status name="alice" />
        <Controls />
      </SipProvider>,
    );
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(screen.getByTestId('alice').textContent).toBe('idle/unregistered');
    expect(screen.getByTestId('ua').textContent).toBe('no ua');
    expect(bed.network.traffic.entries()).toHaveLength(0);

    await act(() => handle.actions!.start());
    await until(() => expect(screen.getByTestId('alice').textContent).toBe('connected/registered'));
    expect(screen.getByTestId('ua').textContent).toBe('started');

    await act(() => handle.actions!.stop());
    expect(screen.getByTestId('alice').textContent).toBe('idle/unregistered');
    expect(screen.getByTestId('ua').textContent).toBe('no ua');
    await bed.expectAllStopped();
    view.unmount();
  });

  it('reports a bad configuration in the store instead of throwing, and recovers when fixed', async () => {
    const bed = sipTestbed();
    const alice = bed.phone('alice');
    const logger = { debug: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const ErrorView = () => {
      const error = useSipStore((s) => s.error);
      return (
        <p data-testid="error">
          {error === undefined ? 'ok' : `${error.name}:${error.parameter ?? ''}`}
        </p>
      );
    };
    const App = ({ uri }: { readonly uri: string }) => (
      <SipProvider config={{ ...alice.config, uri }} {...alice.options} logger={logger}>
        <Status name="alice" />
        <ErrorView />
      </SipProvider>
    );
    const view = renderStrict(<App uri="not a sip uri" />);
    await until(() =>
      expect(screen.getByTestId('error').textContent).toBe('ConfigurationError:uri'),
    );
    expect(logger.error).toHaveBeenCalledTimes(1); // StrictMode's second mount does not retry it
    expect(screen.getByTestId('alice').textContent).toBe('idle/unregistered');

    view.rerender(<App uri="sip:alice@sip.test" />);
    await until(() => expect(screen.getByTestId('alice').textContent).toBe('connected/registered'));
    expect(screen.getByTestId('error').textContent).toBe('ok');
    view.unmount();
    await bed.expectAllStopped();
  });

  it('shows a failed registration with its cause, and unregister/register through the hook', async () => {
    const bed = sipTestbed({ users: { alice: 'right' } });
    const alice = bed.phone('alice', { password: 'wrong' });
    const Registration = () => {
      const { status, cause, register, unregister } = useRegistration();
      return (
        <>
          <p data-testid="status">{`${status}:${cause ?? ''}`}</p>
          <button onClick={register}>register</button>
          <button onClick={() => unregister()}>unregister</button>
        </>
      );
    };
    const App = ({ password }: { readonly password: string }) => (
      <SipProvider config={{ ...alice.config, password }} {...alice.options}>
        <Registration />
      </SipProvider>
    );
    const view = renderStrict(<App password="wrong" />);
    await until(() =>
      expect(screen.getByTestId('status').textContent).toBe(
        `failed:${Causes.AUTHENTICATION_ERROR}`,
      ),
    );
    view.rerender(<App password="right" />);
    await until(() => expect(screen.getByTestId('status').textContent).toBe('registered:'));
    act(() => fireEvent.click(screen.getByText('unregister')));
    await until(() => expect(screen.getByTestId('status').textContent).toBe('unregistered:'));
    act(() => fireEvent.click(screen.getByText('register')));
    expect(screen.getByTestId('status').textContent).toBe('registering:');
    await until(() => expect(screen.getByTestId('status').textContent).toBe('registered:'));
    view.unmount();
    await bed.expectAllStopped();
  });

  it('hands a socket to a new provider only once the old one has stopped with it', async () => {
    const bed = sipTestbed();
    const alice = bed.phone('alice');
    // A new key: React unmounts one provider and mounts another with the same socket object.
    const App = ({ id }: { readonly id: string }) => (
      <SipProvider key={id} config={alice.config} {...alice.options}>
        <Status name="alice" />
      </SipProvider>
    );
    const view = renderStrict(<App id="first" />);
    await until(() => expect(screen.getByTestId('alice').textContent).toBe('connected/registered'));
    view.rerender(<App id="second" />);
    await until(() => expect(bed.registrations()).toHaveLength(2));
    await until(() => expect(screen.getByTestId('alice').textContent).toBe('connected/registered'));
    await act(() => vi.advanceTimersByTimeAsync(5000));
    // The old UA unregistered and let go before the new one registered, and stays connected.
    const expires = bed.sent('REGISTER').map((m) => /^Expires: (\d+)/m.exec(m)?.[1]);
    expect(expires).toEqual(['600', '0', '600']);
    expect(bed.network.openConnections).toBe(1);
    expect(screen.getByTestId('alice').textContent).toBe('connected/registered');
    view.unmount();
    await bed.expectAllStopped();
  });

  it('shows a lost connection with its cause, and the recovery', async () => {
    const bed = sipTestbed();
    const alice = bed.phone('alice');
    const Cause = () => <p data-testid="cause">{useRegistration().cause ?? ''}</p>;
    const view = renderStrict(
      <SipProvider config={alice.config} {...alice.options}>
        <Status name="alice" />
        <Cause />
      </SipProvider>,
    );
    await until(() => expect(screen.getByTestId('alice').textContent).toBe('connected/registered'));
    act(() => bed.network.cut(alice.config.sockets as VirtualSocket));
    expect(screen.getByTestId('alice').textContent).toMatch(
      /^(disconnected|connecting)\/unregistered$/,
    );
    expect(screen.getByTestId('cause').textContent).toBe(Causes.CONNECTION_ERROR);
    // The core reconnects after its recovery interval (2 to 30 s) and registers again.
    await act(() => vi.advanceTimersByTimeAsync(30_000));
    await until(() => expect(screen.getByTestId('alice').textContent).toBe('connected/registered'));
    expect(screen.getByTestId('cause').textContent).toBe('');
    view.unmount();
    await bed.expectAllStopped();
  });
});
