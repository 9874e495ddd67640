import { until } from './testing/until.js';
import { act, screen } from '@testing-library/react';
import { Profiler, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useCall } from './hooks/use-call.js';
import { useCalls } from './hooks/use-calls.js';
import { useIncomingCall } from './hooks/use-incoming-call.js';
import { useMessages } from './hooks/use-messages.js';
import { useRegistration } from './hooks/use-registration.js';
import { useSipActions } from './hooks/use-sip-actions.js';
import type { SipActions } from './client/sip-actions.js';
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

// Commits per component: a Profiler reports each commit its subtree took part in (StrictMode's
// double render happens inside one commit, so it does not count twice).
const commits: Record<string, number> = {};
function Counted({ id, children }: { readonly id: string; readonly children: ReactNode }) {
  return (
    <Profiler id={id} onRender={() => void (commits[id] = (commits[id] ?? 0) + 1)}>
      {children}
    </Profiler>
  );
}
const reset = (): void => {
  for (const key of Object.keys(commits)) commits[key] = 0;
};

function RegistrationOnly() {
  const { status } = useRegistration();
  return <p data-testid="registration">{status}</p>;
}
function CallOnly() {
  const { state } = useCall();
  return <p data-testid="call">{state?.status ?? 'none'}</p>;
}
function IncomingOnly() {
  return <p>{useIncomingCall().calls.length}</p>;
}
function CallsOnly() {
  return <p>{useCalls().length}</p>;
}
function MessagesOnly() {
  return <p data-testid="messages">{useMessages().messages.length}</p>;
}
const handle: { actions?: SipActions } = {};
function GrabActions() {
  const actions = useSipActions();
  // Test-only: hand the actions to the test body once committed.
  Object.assign(handle, { actions });
  return null;
}

describe('narrow selection', () => {
  it('registration and call components re-render only for their own slice', async () => {
    const bed = sipTestbed();
    const alice = bed.phone('alice');
    renderStrict(
      <SipProvider config={alice.config} {...alice.options}>
        <GrabActions />
        <Counted id="registration">
          <RegistrationOnly />
        </Counted>
        <Counted id="call">
          <CallOnly />
        </Counted>
        <Counted id="incoming">
          <IncomingOnly />
        </Counted>
        <Counted id="calls">
          <CallsOnly />
        </Counted>
        <Counted id="messages">
          <MessagesOnly />
        </Counted>
      </SipProvider>,
    );
    const bob = renderStrict(<Phone name="bob" phone={bed.phone('bob')} />);
    await until(() => {
      expect(screen.getByTestId('registration').textContent).toBe('registered');
      expect(screen.getByTestId('bob-registration').textContent).toBe('connected/registered');
    });
    const actions = handle.actions!;

    reset();
    let id = '';
    act(() => void (id = actions.call('bob')));
    await until(() => expect(screen.getByTestId('bob-incoming').textContent).not.toBe(''));
    act(() => screen.getByText('bob-answer').click());
    await until(() => expect(screen.getByTestId('call').textContent).toBe('confirmed'));
    await act(() => actions.hold(id));
    act(() => actions.mute(id));
    act(() => actions.hangup(id));
    await until(() => expect(screen.getByTestId('bob-call').textContent).toBe('terminated'));
    const afterCall = { ...commits };
    expect(afterCall.registration ?? 0).toBe(0);
    expect(afterCall.messages ?? 0).toBe(0);
    expect(afterCall.incoming ?? 0).toBe(0); // outgoing calls never ring here
    expect(afterCall.call).toBeGreaterThan(3);
    expect(afterCall.calls).toBeGreaterThan(3);

    reset();
    await act(() => actions.sendMessage('bob', 'hello'));
    expect(commits.messages).toBeGreaterThan(0);
    expect(commits.registration ?? 0).toBe(0);
    expect(commits.call ?? 0).toBe(0);
    expect(commits.calls ?? 0).toBe(0);

    reset();
    act(() => actions.unregister());
    await until(() => expect(screen.getByTestId('registration').textContent).toBe('unregistered'));
    expect(commits.registration).toBeGreaterThan(0);
    expect(commits.call ?? 0).toBe(0);
    expect(commits.calls ?? 0).toBe(0);
    expect(commits.messages ?? 0).toBe(0);

    // Reported in the final summary.
    console.info('render counts', JSON.stringify(afterCall));
    bob.unmount();
  });
});
