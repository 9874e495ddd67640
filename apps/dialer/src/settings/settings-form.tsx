import { ConfigurationError } from '@sipkit/core';
import { useState, type FormEvent } from 'react';
import { fieldOf } from './field-of-parameter.js';
import { CheckboxField, TextField, type FieldContext } from './form-fields.js';
import type { DialerSettings } from './settings.js';
import { settingsToSetup, sipUri, type DialerSetup } from './settings-to-setup.js';

/** Props of `<SettingsForm>`. */
export interface SettingsFormProps {
  readonly initial: DialerSettings;
  /** Called with valid settings and what they make; nothing is connected before this. */
  readonly onConnect: (setup: DialerSetup, settings: DialerSettings) => void;
  /** An error reported after connecting (the provider's `ConfigurationError`), shown by its field. */
  readonly error?: { readonly parameter: string | undefined; readonly message: string };
}

const ADVANCED: ReadonlySet<keyof DialerSettings> = new Set([
  'authorization_user',
  'realm',
  'ha1',
  'authorization_jwt',
  'registrar_server',
  'register',
  'register_expires',
  'session_timers',
  'session_timers_refresh_method',
  'session_timers_force_refresher',
  'no_answer_timeout',
  'connection_recovery_min_interval',
  'connection_recovery_max_interval',
  'contact_uri',
  'instance_id',
  'use_preloaded_route',
  'user_agent',
  'extra_headers',
  'ice_servers',
]);

/**
 * The account form: the four fields most people need, every other UA parameter under "Advanced",
 * and "Connect". It validates exactly as the UA will, and shows a `ConfigurationError` beside
 * the field its `parameter` names (opening "Advanced" when that is where the field is).
 *
 * @example <SettingsForm initial={loadSettings(localStorage)} onConnect={(setup) => setSetup(setup)} />
 */
export function SettingsForm({ initial, onConnect, error: reported }: SettingsFormProps) {
  const [settings, setSettings] = useState(initial);
  const [error, setError] = useState(
    reported === undefined
      ? undefined
      : { field: fieldOf(reported.parameter), message: reported.message },
  );
  const [advancedOpen, setAdvancedOpen] = useState(
    error?.field !== undefined && ADVANCED.has(error.field),
  );
  const form: FieldContext = {
    settings,
    error,
    change: (key, value) => {
      setSettings((previous) => ({ ...previous, [key]: value }));
      if (error?.field === key) setError(undefined);
    },
  };

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    try {
      onConnect(settingsToSetup(settings), settings);
    } catch (failure) {
      if (!(failure instanceof ConfigurationError)) throw failure;
      const field = fieldOf(failure.parameter);
      setError({ field, message: failure.message });
      if (field !== undefined && ADVANCED.has(field)) setAdvancedOpen(true);
    }
  };

  return (
    <form className="settings" aria-label="Account settings" onSubmit={submit} noValidate>
      {error !== undefined && error.field === undefined ? (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <TextField
        form={form}
        name="server"
        label="WebSocket server"
        type="url"
        placeholder="wss://sip.example.com"
      />
      <TextField
        form={form}
        name="uri"
        label="SIP URI"
        placeholder="sip:alice@example.com"
        hint={uriHint(settings.server)}
      />
      <TextField
        form={form}
        name="password"
        label="Password"
        type="password"
        hint="The dev server takes any (or none)."
      />
      <TextField form={form} name="display_name" label="Display name" />
      <CheckboxField
        form={form}
        name="remember_password"
        label="Remember password"
        hint="Keeps the password, HA1 and JWT in this browser's storage."
      />
      <details open={advancedOpen} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}>
        <summary>Advanced</summary>
        <TextField form={form} name="authorization_user" label="Authorization user" />
        <TextField
          form={form}
          name="realm"
          label="Realm"
          hint="Needed with HA1 (Asterisk: asterisk)."
        />
        <TextField form={form} name="ha1" label="HA1" type="password" />
        <TextField form={form} name="authorization_jwt" label="JWT" type="password" />
        <TextField
          form={form}
          name="registrar_server"
          label="Registrar server"
          placeholder="sip:registrar.example.com"
        />
        <CheckboxField form={form} name="register" label="Register" />
        <TextField
          form={form}
          name="register_expires"
          label="Register expires (s)"
          type="number"
          placeholder="600"
        />
        <CheckboxField form={form} name="session_timers" label="Session timers" />
        <div className="field">
          <label htmlFor="setting-session_timers_refresh_method">Refresh method</label>
          <select
            id="setting-session_timers_refresh_method"
            value={settings.session_timers_refresh_method}
            onChange={(e) =>
              form.change(
                'session_timers_refresh_method',
                e.target.value === 'INVITE' ? 'INVITE' : 'UPDATE',
              )
            }
          >
            <option value="UPDATE">UPDATE</option>
            <option value="INVITE">INVITE</option>
          </select>
        </div>
        <CheckboxField form={form} name="session_timers_force_refresher" label="Force refresher" />
        <TextField
          form={form}
          name="no_answer_timeout"
          label="No-answer timeout (s)"
          type="number"
          placeholder="60"
        />
        <TextField
          form={form}
          name="connection_recovery_min_interval"
          label="Connection recovery min (s)"
          type="number"
          placeholder="2"
        />
        <TextField
          form={form}
          name="connection_recovery_max_interval"
          label="Connection recovery max (s)"
          type="number"
          placeholder="30"
        />
        <TextField form={form} name="contact_uri" label="Contact URI" />
        <TextField form={form} name="instance_id" label="Instance ID" placeholder="uuid:…" />
        <CheckboxField form={form} name="use_preloaded_route" label="Use preloaded route" />
        <TextField form={form} name="user_agent" label="User agent" />
        <TextField
          form={form}
          name="extra_headers"
          label="Extra headers"
          multiline
          hint="One Name: value a line."
        />
        <TextField
          form={form}
          name="ice_servers"
          label="ICE servers"
          multiline
          hint='JSON ([{"urls": "turn:…", "username": "…", "credential": "…"}]) or one stun:/turn: URL a line.'
        />
      </details>
      <button type="submit" className="sk-button" data-sipkit-variant="primary">
        Connect
      </button>
    </form>
  );
}

// Shows what a bare name turns into with the server typed so far.
function uriHint(server: string): string {
  const example = sipUri('alice', server);
  return example === 'alice'
    ? 'A SIP URI: sip:user@domain.'
    : `A name is enough: alice means ${example}.`;
}
