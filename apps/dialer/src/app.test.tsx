import { startDevServer, type DevServer } from '@sipkit/dev-server';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './app.js';
import { SETTINGS_KEY } from './settings/settings-storage.js';

const until = <T,>(check: () => T): Promise<T> =>
  vi.waitFor(check, { interval: 10, timeout: 5000 });

// The real thing end to end, minus the browser: the dev SIP server on a real WebSocket (on a
// free port), and the app's own WebSocketInterface over happy-dom's WebSocket.
let server: DevServer;
beforeEach(async () => {
  server = await startDevServer({ host: '127.0.0.1', port: 0, users: {}, verbose: false });
});
afterEach(async () => {
  await server.close();
});

describe('<App>', () => {
  it('connects with the settings typed, saves them without the password, and disconnects', async () => {
    const user = userEvent.setup();
    const { unmount } = render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    const ws = screen.getByLabelText('WebSocket server');
    await user.clear(ws);
    await user.type(ws, server.url);
    await user.type(screen.getByLabelText('SIP URI'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('button', { name: 'Connect' }));

    await until(() => expect(screen.getAllByRole('status')[0]!.textContent).toBe('Registered'));
    expect(screen.getByText('alice@127.0.0.1')).toBeTruthy();
    // The Connect button is gone: focus is on the dial field, not on <body>.
    expect(document.activeElement).toBe(screen.getByLabelText('Number or SIP URI'));
    expect(server.proxy.location.registeredAors()).toEqual(['alice@127.0.0.1']);
    const saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as Record<string, unknown>;
    expect(saved).toMatchObject({ server: server.url, uri: 'alice' });
    expect(saved).not.toHaveProperty('password');

    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    await until(() => expect(server.proxy.location.registeredAors()).toEqual([]));
    expect(screen.getByLabelText('SIP URI')).toHaveProperty('value', 'alice');
    // Back at the settings, focus is on Connect (the next action), not on <body>.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Connect' }));

    // A new visit: everything but the password is back.
    unmount();
    render(<App />);
    expect(screen.getByLabelText('WebSocket server')).toHaveProperty('value', server.url);
    expect(screen.getByLabelText('Password')).toHaveProperty('value', '');
  });
});
