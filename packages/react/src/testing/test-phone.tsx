import { useState, type ReactNode } from 'react';
import { useCall } from '../hooks/use-call.js';
import { useIncomingCall } from '../hooks/use-incoming-call.js';
import { useRegistration } from '../hooks/use-registration.js';
import { SipProvider } from '../sip-provider.js';
import type { TestPhone } from './sip-testbed.js';

/**
 * A minimal softphone over the hooks, with test ids prefixed by `name`: `<name>-registration`,
 * `<name>-call` (status of the current call), `<name>-incoming` (callers ringing) and buttons.
 */
export function PhoneUI({ name }: { readonly name: string }): ReactNode {
  const { status, connection } = useRegistration();
  const current = useCall();
  const incoming = useIncomingCall();
  const [target, setTarget] = useState('');
  const { state } = current;
  return (
    <section>
      <p data-testid={`${name}-registration`}>
        {connection}/{status}
      </p>
      <p data-testid={`${name}-call`}>{state === undefined ? 'none' : state.status}</p>
      <p data-testid={`${name}-flags`}>
        {state === undefined
          ? ''
          : `hold:${String(state.hold.local)}/${String(state.hold.remote)} muted:${String(state.muted.audio)} cause:${state.cause ?? ''}`}
      </p>
      <p data-testid={`${name}-incoming`}>
        {incoming.calls.map((call) => call.remoteIdentity.uri).join(',')}
        {incoming.waiting ? ' (waiting)' : ''}
      </p>
      <input
        aria-label={`${name}-target`}
        value={target}
        onChange={(e) => setTarget(e.target.value)}
      />
      <button onClick={() => current.call(target)}>{name}-dial</button>
      <button onClick={() => current.hangup()}>{name}-hangup</button>
      <button onClick={() => incoming.answer()}>{name}-answer</button>
      <button onClick={() => incoming.decline()}>{name}-decline</button>
      <button onClick={() => void current.hold()}>{name}-hold</button>
      <button onClick={() => void current.unhold()}>{name}-unhold</button>
      <button onClick={() => current.mute()}>{name}-mute</button>
      <button onClick={() => current.unmute()}>{name}-unmute</button>
      <button onClick={() => current.sendDTMF('1#')}>{name}-dtmf</button>
      <button onClick={() => void current.transfer(target)}>{name}-transfer</button>
      <p data-testid={`${name}-transfer`}>
        {state?.transfer === undefined
          ? ''
          : `${state.transfer.target} ${state.transfer.status} ${state.transfer.code ?? ''}`}
      </p>
      <p data-testid={`${name}-transfer-request`}>{state?.transferRequest?.target ?? ''}</p>
      <button onClick={() => current.acceptTransfer()}>{name}-accept-transfer</button>
      <button onClick={() => current.declineTransfer()}>{name}-decline-transfer</button>
    </section>
  );
}

/** `<SipProvider>` for a testbed phone around `<PhoneUI>` (and anything else given). */
export function Phone({
  name,
  phone,
  children,
}: {
  readonly name: string;
  readonly phone: TestPhone;
  readonly children?: ReactNode;
}): ReactNode {
  return (
    <SipProvider config={phone.config} {...phone.options}>
      <PhoneUI name={name} />
      {children}
    </SipProvider>
  );
}
