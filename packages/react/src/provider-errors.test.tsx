import { until } from './testing/until.js';
import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Causes, WebSocketInterface } from '@sipkit/core';
import type { VirtualSocket } from '@sipkit/testing';
import { useRegistration } from './hooks/use-registration.js';
import { useSipError } from './hooks/use-sip-error.js';
import { SipProvider } from './sip-provider.js';
import { renderStrict } from './testing/render.js';
import { sipTestbed } from './testing/sip-testbed.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function ErrorView() {
  const error = useSipError();
  const registration = useRegistration();
  return (
    <>
      <p data-testid="error">
        {error === undefined ? 'ok' : `${error.name}|${error.parameter ?? ''}|${error.message}`}
      </p>
      <p data-testid="same">{String(registration.error === error)}</p>
    </>
  );
}

function RegistrationView() {
  const { status, cause, statusCode, reasonPhrase, connection, connectionFailure } =
    useRegistration();
  const failure =
    connectionFailure === undefined ? '' : `${connectionFailure.url} ${connectionFailure.code}`;
  return (
    <>
      <p data-testid="registration">{`${status}|${cause ?? ''}|${statusCode ?? ''}|${reasonPhrase ?? ''}`}</p>
      <p data-testid="connection">{`${connection}|${failure}`}</p>
    </>
  );
}

const text = (id: string) => screen.getByTestId(id).textContent;

describe('errors that stop the provider reach the hooks', () => {
  it('a socket built inline from a bad URL is a ConfigurationError for sockets, not a blank page', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const bed = sipTestbed();
    const alice = bed.phone('alice');
    const view = renderStrict(
      <SipProvider
        config={{ ...alice.config, sockets: new WebSocketInterface('http://127.0.0.1:5062') }}
        {...alice.options}
      >
        <ErrorView />
        <RegistrationView />
      </SipProvider>,
    );
    await until(() => expect(text('error')).toMatch(/^ConfigurationError\|sockets\|/));
    expect(text('error')).toContain('"http://127.0.0.1:5062"');
    expect(text('same')).toBe('true');
    expect(text('registration')).toBe('unregistered|||');
    // No logger given: told once on the console (development), not once per render or mount.
    expect(consoleError).toHaveBeenCalledTimes(1);
    expect(consoleError.mock.calls[0]?.[0]).toBe('sipkit/react: cannot create the UA');
    view.unmount();
    await bed.expectAllStopped();
  });

  it('logs through the logger when one is given, and never on the console', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const logger = { debug: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const bed = sipTestbed();
    const alice = bed.phone('alice');
    const view = renderStrict(
      <SipProvider
        config={{ ...alice.config, uri: 'not a uri' }}
        {...alice.options}
        logger={logger}
      >
        <ErrorView />
      </SipProvider>,
    );
    await until(() => expect(text('error')).toMatch(/^ConfigurationError\|uri\|/));
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(consoleError).not.toHaveBeenCalled();
    view.unmount();
    await bed.expectAllStopped();
  });

  it('a wrong password fails with the status code and reason phrase of the answer', async () => {
    const bed = sipTestbed({ users: { alice: 'right' } });
    const alice = bed.phone('alice', { password: 'wrong' });
    const view = renderStrict(
      <SipProvider config={alice.config} {...alice.options}>
        <RegistrationView />
      </SipProvider>,
    );
    await until(() =>
      expect(text('registration')).toBe(`failed|${Causes.AUTHENTICATION_ERROR}|401|Unauthorized`),
    );
    view.unmount();
    await bed.expectAllStopped();
  });

  it('no password at all is its own cause, not a wrong one', async () => {
    const bed = sipTestbed({ users: { alice: 'right' } });
    const alice = bed.phone('alice');
    const view = renderStrict(
      <SipProvider config={alice.config} {...alice.options}>
        <RegistrationView />
      </SipProvider>,
    );
    await until(() =>
      expect(text('registration')).toBe(`failed|${Causes.NO_CREDENTIALS}|401|Unauthorized`),
    );
    view.unmount();
    await bed.expectAllStopped();
  });

  it('a lost connection names the server and the close code until it is back', async () => {
    const bed = sipTestbed();
    const alice = bed.phone('alice');
    const socket = alice.config.sockets as VirtualSocket;
    const view = renderStrict(
      <SipProvider config={alice.config} {...alice.options}>
        <RegistrationView />
      </SipProvider>,
    );
    await until(() => expect(text('connection')).toBe('connected|'));
    act(() => bed.network.cut(socket));
    expect(text('connection')).toMatch(new RegExp(`^(disconnected|connecting)\\|${socket.url} `));
    await act(() => vi.advanceTimersByTimeAsync(30_000));
    await until(() => expect(text('connection')).toBe('connected|'));
    view.unmount();
    await bed.expectAllStopped();
  });
});
