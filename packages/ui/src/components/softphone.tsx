import type { CallOptions } from '@sipkit/core';
import { RemoteAudio, useCall, useCalls, type AnswerCallOptions } from '@sipkit/react';
import { forwardRef, useState, type ComponentPropsWithoutRef } from 'react';
import { callDataState, callLabel, isLive } from '../internal/call-label.js';
import { classNames } from '../internal/class-names.js';
import { partyName } from '../internal/party.js';
import { useMessages } from '../messages/messages-provider.js';
import { CallButton } from './call-button.js';
import { CallList } from './call-list.js';
import { CallPanel } from './call-panel.js';
import { CallVideo } from './call-video.js';
import { DeviceSelector } from './device-selector.js';
import { DisconnectButton } from './disconnect-button.js';
import { DialInput } from './dial-input.js';
import { Dialpad } from './dialpad.js';
import { IncomingCallBanner } from './incoming-call-banner.js';
import { RegistrationBadge } from './registration-badge.js';
import { RegistrationProblemNotice } from './registration-problem-notice.js';

/** Props of `<Softphone>`. */
export interface SoftphoneProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /** Looped while a call rings (see `<IncomingCallBanner>`). */
  readonly ringtone?: string;
  /** Show the device menus under "Devices"; default true. */
  readonly showDevices?: boolean;
  /** The heading; default `messages.softphone.title` ("Phone"). */
  readonly title?: string;
  /** Options of the calls it places (ICE servers in `pcConfig`, video, extra headers...). */
  readonly callOptions?: CallOptions;
  /** Options of the calls it answers. */
  readonly answerOptions?: AnswerCallOptions;
  /**
   * Show "Disconnect" in the header, which calls this (the app stops its UA): at once when idle,
   * after confirmation when it would end a call in progress (see `<DisconnectButton>`).
   */
  readonly onDisconnect?: () => void;
  /**
   * The colour theme, set as `data-sipkit-theme` on its root: `system` (default, follows
   * `prefers-color-scheme`), `light` or `dark`; `inherit` sets none, for a page that themes an
   * ancestor itself (`<div data-sipkit-theme="dark">`).
   */
  readonly theme?: 'system' | 'light' | 'dark' | 'inherit';
}

/**
 * A whole softphone from the parts: registration status and, when something stops it, what to
 * change (a configuration error with its parameter, no password, refused credentials, a server
 * that cannot be reached), the incoming-call banner, a video call's pictures, a dial field
 * with keypad and Call button when idle, the current call with its controls, the list of calls
 * when there are several, device menus, the far end's audio, and with `onDisconnect` a Disconnect
 * button that asks before it ends a call. Put it inside a
 * `<SipProvider>`. `data-sipkit-state` is the current call's state or `idle`.
 *
 * @example
 * <SipProvider config={config}><Softphone ringtone="/ring.mp3" /></SipProvider>
 */
export const Softphone = forwardRef<HTMLElement, SoftphoneProps>(function Softphone(
  {
    ringtone,
    showDevices = true,
    title,
    callOptions,
    answerOptions,
    onDisconnect,
    theme = 'system',
    className,
    ...rest
  },
  ref,
) {
  const { state } = useCall();
  const messages = useMessages();
  const heading = title ?? messages.softphone.title;
  // The calls <CallList> shows: ringing incoming calls are the banner's.
  const listed = useCalls().filter(
    (call) => isLive(call) && !(call.direction === 'incoming' && call.status === 'ringing'),
  ).length;
  const [target, setTarget] = useState('');
  const inCall = isLive(state) && !(state.direction === 'incoming' && state.status === 'ringing');
  const callOption = callOptions === undefined ? {} : { options: callOptions };
  return (
    <section
      ref={ref}
      aria-label={heading}
      className={classNames('sk-softphone', className)}
      data-sipkit-theme={theme === 'inherit' ? undefined : theme}
      data-sipkit-state={callDataState(state)}
      {...rest}
    >
      <header className="sk-softphone-header">
        <h2 className="sk-softphone-title">{heading}</h2>
        <RegistrationBadge />
        {onDisconnect === undefined ? null : <DisconnectButton onDisconnect={onDisconnect} />}
      </header>
      <RegistrationProblemNotice />
      <IncomingCallBanner
        {...(ringtone === undefined ? {} : { ringtone })}
        {...(answerOptions === undefined ? {} : { answerOptions })}
      />
      {/* One live region for the call's state, present from the first render: one that appears
          or is re-created with its text (as when the panel moved on hang-up) is often not read,
          so "Call ended" went unspoken. */}
      <p className="sk-visually-hidden" role="status" aria-label={messages.softphone.callStatus}>
        {state === undefined
          ? ''
          : messages.softphone.callStatusLine(
              partyName(state.remoteIdentity),
              callLabel(state, messages.call),
            )}
      </p>
      {/* A video call's pictures (nothing for audio calls): the far end's, yours in a corner. */}
      {inCall ? <CallVideo /> : null}
      {/* At one place in the tree whether live or ended, so it is not re-created on hang-up. */}
      {inCall || state?.status === 'terminated' ? <CallPanel live={false} /> : null}
      {inCall ? null : (
        <div className="sk-softphone-dialer">
          <DialInput value={target} onValueChange={setTarget} {...callOption} />
          <Dialpad onKey={(key) => setTarget((text) => text + key)} />
          <CallButton target={target} {...callOption} />
        </div>
      )}
      {listed > 1 ? <CallList /> : null}
      {showDevices ? (
        <details className="sk-softphone-devices">
          <summary>{messages.softphone.devices}</summary>
          <DeviceSelector />
        </details>
      ) : null}
      <RemoteAudio />
    </section>
  );
});
