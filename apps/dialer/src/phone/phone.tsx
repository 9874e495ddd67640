import type { CallState, ClientError } from '@sipkit/react';
import { RemoteAudio, useCall, useRegistration, useSipStore } from '@sipkit/react';
import {
  CallShortcutsContext,
  DEFAULT_CALL_SHORTCUTS,
  useSoftphoneAttention,
  CallList,
  CallPanel,
  CallQuality,
  DeviceSelector,
  DisconnectButton,
  IncomingCallBanner,
  partyAddress,
  RegistrationBadge,
  RegistrationProblemNotice,
  registrationProblem,
  SipLadder,
  VoicemailIndicator,
  type SipTrace,
} from '@sipkit/ui';
import { useEffect, useMemo, useRef, useState } from 'react';
import { browserStorage } from '../browser-storage.js';
import { ContactsPanel } from '../contacts/contacts-panel.js';
import { HistoryList } from '../history/history-list.js';
import { useCallHistory } from '../history/use-call-history.js';
import type { DialerSetup } from '../settings/settings-to-setup.js';
import { callOptions } from './call-options.js';
import { DialBar } from './dial-bar.js';
import { MediaChangeArea } from './media-change-area.js';
import { TabRole } from './tab-role.js';
import { VideoArea } from './video-area.js';

/** Props of `<Phone>`. */
export interface PhoneProps {
  readonly setup: DialerSetup;
  /** The trace given to the provider as its logger, for the ladder. */
  readonly trace: SipTrace;
  /**
   * Back to the settings: with the provider's error when that is why, or with the problem that
   * "Edit account" was pressed for (the form shows it by its field).
   */
  readonly onSettings: (error?: ClientError) => void;
}

/**
 * The connected softphone, composed from @sipkit/ui: status, the incoming-call banner, dialling
 * or the current call with its controls, video, the calls in progress, contacts (presence, busy
 * lamps, our own status), devices and history on
 * the left; call quality and the SIP ladder of the current call on the right; the voicemail
 * lamp in the top bar. Keyboard-first:
 * focus follows the next action, Alt+Shift+A/D/H/M answer, decline, hang up and mute, digits
 * typed in a call go out as DTMF. It rings, rings back, changes the tab title and (once allowed)
 * notifies while a call rings in a hidden tab, and checks the microphone before calls.
 *
 * @example <SipProvider config={setup.config} logger={trace}><Phone setup={setup} trace={trace} onSettings={back} /></SipProvider>
 */
export function Phone({ setup, trace, onSettings }: PhoneProps) {
  const [video, setVideo] = useState(false);
  const options = useMemo(() => callOptions(setup.pcConfig, video), [setup.pcConfig, video]);
  const history = useCallHistory(setup.config.uri, browserStorage());
  const { state, call } = useCall();
  const error = useSipStore((s) => s.error);
  // Calls in progress (ringing ones are the banner's), as a number: the phone re-renders when
  // calls come and go, not on every change of one.
  const liveCalls = useSipStore((s) => s.callOrder.filter((id) => inProgress(s.calls[id])).length);
  // A UA that could not be created is a settings problem: show it where it can be fixed.
  useEffect(() => {
    if (error !== undefined) onSettings(error);
  }, [error, onSettings]);
  const inCall = inProgress(state);
  const root = useRef<HTMLDivElement>(null);
  const { microphone, callsBlocked, alerts } = useSoftphoneAttention({
    root,
    inCall,
    notifications: true,
    answerOptions: options,
  });
  const registration = useRegistration();
  // "Edit account": back to the settings, the problem shown by the field it is about.
  const editAccount = (parameter: string | undefined): void => {
    const problem = registrationProblem(registration);
    onSettings({
      name: 'RegistrationProblem',
      message: problem === undefined ? '' : `${problem.title}. ${problem.detail}`,
      parameter,
    });
  };

  return (
    <CallShortcutsContext.Provider value={DEFAULT_CALL_SHORTCUTS}>
      <div className="phone" ref={root}>
        <header className="topbar">
          <h1>SipKit dialer</h1>
          <RegistrationBadge />
          {/* The phone is shared by the dialer's tabs: which one runs it. */}
          <TabRole />
          <bdi className="account">
            {partyAddress({ displayName: undefined, uri: setup.config.uri })}
          </bdi>
          {/* Message waiting (RFC 3842) of our own mailbox: the dev server's --mwi counts. */}
          <VoicemailIndicator className="voicemail" />
          {/* Asks first when it would end a call in progress. */}
          <DisconnectButton onDisconnect={() => onSettings()} />
        </header>
        <RegistrationProblemNotice className="problem" onEditAccount={editAccount} />
        {alerts}
        <main className="columns">
          <div className="column">
            <IncomingCallBanner answerOptions={options} microphone={microphone.status} />
            {inCall ? null : (
              <DialBar
                options={options}
                video={video}
                onVideoChange={setVideo}
                blocked={callsBlocked}
              />
            )}
            <CallPanel />
            <VideoArea />
            <MediaChangeArea />
            {liveCalls > 1 ? <CallList /> : null}
            <details className="panel" open>
              <summary>Contacts</summary>
              <ContactsPanel aor={setup.config.uri} storage={browserStorage()} />
            </details>
            <details className="panel">
              <summary>Devices</summary>
              <DeviceSelector />
            </details>
            <details className="panel" open>
              <summary>History</summary>
              <HistoryList
                history={history}
                onCall={(uri) => {
                  if (!callsBlocked) call(uri, options);
                }}
              />
            </details>
          </div>
          <div className="column">
            <CallQuality />
            <SipLadder trace={trace} />
          </div>
        </main>
        <RemoteAudio />
      </div>
    </CallShortcutsContext.Provider>
  );
}

function inProgress(call: CallState | undefined): boolean {
  if (call === undefined || call.status === 'terminated') return false;
  return !(call.direction === 'incoming' && call.status === 'ringing');
}
