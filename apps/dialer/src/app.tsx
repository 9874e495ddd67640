import { sharedTabs, SipProvider, type ClientError } from '@sipkit/react';
import { createSipTrace, type SipTrace } from '@sipkit/ui';
import { useCallback, useState } from 'react';
import { browserStorage } from './browser-storage.js';
import { DebugHook } from './dev/debug-hook.js';
import { Phone } from './phone/phone.js';
import { SettingsForm } from './settings/settings-form.js';
import { loadSettings, saveSettings } from './settings/settings-storage.js';
import type { DialerSetup } from './settings/settings-to-setup.js';

interface Connection {
  readonly setup: DialerSetup;
  readonly trace: SipTrace;
}

/**
 * The dialer: the settings form until "Connect", then one `<SipProvider>` running the UA with
 * those settings, shared with the dialer's other tabs on the same account (`sharedTabs`). Back to the settings stops the UA (the provider unmounts: calls end, it
 * unregisters and disconnects).
 *
 * @example createRoot(root).render(<App />)
 */
export function App() {
  const [settings, setSettings] = useState(() => loadSettings(browserStorage()));
  const [connection, setConnection] = useState<Connection | undefined>(undefined);
  const [error, setError] = useState<ClientError | undefined>(undefined);
  const back = useCallback((reason?: ClientError) => {
    setError(reason);
    setConnection(undefined);
  }, []);

  if (connection === undefined) {
    return (
      <div className="start">
        <h1>SipKit dialer</h1>
        <p className="muted">
          A demo softphone. <code>pnpm demo</code> runs a development SIP server beside it: pick a
          name, Connect, then open a second tab as someone else and call them.
        </p>
        <SettingsForm
          initial={settings}
          {...(error === undefined ? {} : { error })}
          onConnect={(setup, next) => {
            saveSettings(browserStorage(), next);
            setSettings(next);
            setError(undefined);
            setConnection({ setup, trace: createSipTrace() });
          }}
        />
      </div>
    );
  }
  return (
    // One phone per account across the dialer's tabs (issue 25): tabs with the same account and
    // server share one registration; two tabs as two different users are two phones.
    <SipProvider config={connection.setup.config} logger={connection.trace} tabs={sharedTabs}>
      <Phone setup={connection.setup} trace={connection.trace} onSettings={back} />
      {import.meta.env.DEV ? <DebugHook /> : null}
    </SipProvider>
  );
}
