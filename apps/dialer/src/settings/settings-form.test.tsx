import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { defaultSettings, type DialerSettings } from './settings.js';
import { SettingsForm } from './settings-form.js';

function renderForm(
  initial: Partial<DialerSettings> = {},
  error?: { parameter: string; message: string },
) {
  const onConnect = vi.fn();
  render(
    <SettingsForm
      initial={{ ...defaultSettings(), ...initial }}
      onConnect={onConnect}
      {...(error === undefined ? {} : { error })}
    />,
  );
  return { onConnect, user: userEvent.setup() };
}

/** The error text tied to a field through aria-describedby. */
function errorOf(field: HTMLElement): string {
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('<SettingsForm>', () => {
  it('has the main fields, every other parameter under Advanced, and the dev server filled in', () => {
    renderForm();
    expect(screen.getByLabelText('WebSocket server')).toHaveProperty(
      'value',
      'ws://127.0.0.1:5062',
    );
    for (const label of ['SIP URI', 'Password', 'Display name', 'Remember password']) {
      expect(screen.getByLabelText(label)).toBeTruthy();
    }
    const advanced = screen.getByText('Advanced').closest('details');
    expect(advanced?.open).toBe(false);
    for (const label of [
      'Authorization user',
      'Realm',
      'HA1',
      'JWT',
      'Registrar server',
      'Register',
      'Register expires (s)',
      'Session timers',
      'Refresh method',
      'Force refresher',
      'No-answer timeout (s)',
      'Connection recovery min (s)',
      'Connection recovery max (s)',
      'Contact URI',
      'Instance ID',
      'Use preloaded route',
      'User agent',
      'Extra headers',
      'ICE servers',
    ]) {
      expect(advanced?.contains(screen.getByLabelText(label)), label).toBe(true);
    }
  });

  it('connects with a name only, and hands over the settings as typed', async () => {
    const { onConnect, user } = renderForm();
    await user.type(screen.getByLabelText('SIP URI'), 'alice');
    await user.type(screen.getByLabelText('Display name'), 'Alice');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(onConnect).toHaveBeenCalledOnce();
    const [setup, settings] = onConnect.mock.calls[0] as [
      { config: { uri: string; display_name: string } },
      DialerSettings,
    ];
    expect(setup.config).toMatchObject({ uri: 'sip:alice@127.0.0.1', display_name: 'Alice' });
    expect(settings).toMatchObject({ uri: 'alice', display_name: 'Alice' });
  });

  it('shows a ConfigurationError next to the field it names, until that field changes', async () => {
    const { onConnect, user } = renderForm({ uri: 'alice' });
    const server = screen.getByLabelText('WebSocket server');
    await user.clear(server);
    await user.type(server, 'http://sip.example.com');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(onConnect).not.toHaveBeenCalled();
    expect(server.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(server)).toMatch(/Invalid configuration parameter "sockets"/);
    expect(screen.getByRole('alert').textContent).toMatch(/sockets/);

    await user.type(server, 'x');
    expect(server.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('opens Advanced when the field at fault is there', async () => {
    const { user } = renderForm({ uri: 'alice', register_expires: '0' });
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(screen.getByText('Advanced').closest('details')?.open).toBe(true);
    expect(errorOf(screen.getByLabelText('Register expires (s)'))).toMatch(
      /register_expires.*at least 1/,
    );
  });

  it('shows an error the provider reported beside its field', () => {
    renderForm({}, { parameter: 'uri', message: 'Invalid configuration parameter "uri": bad' });
    expect(errorOf(screen.getByLabelText('SIP URI'))).toContain('"uri": bad');
  });
});
