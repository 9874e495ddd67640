// The shared-tabs page (issue 25): one small phone of `@sipkit/react` with `tabs={sharedTabs}`.
// The test opens it in several tabs of one browser context; they form one group (same URI and
// WebSocket URL), so one tab runs the UA and the others mirror its store. What a person sees is
// what the test reads: the tab's role, the incoming-call banner with Answer, each call with Hang
// up, all marked with data-testid / data-* attributes. `window.__tabs.state` copies the same.
import { WebSocketInterface } from '@sipkit/core';
import {
  RemoteAudio,
  sharedTabs,
  SipProvider,
  useIncomingCall,
  useRegistration,
  useSipActions,
  useShallow,
  useSipStore,
  useTabs,
  type CallState,
} from '@sipkit/react';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { readSharedTabsConfig, type SharedTabsPageState } from './shared-tabs-page.js';

const config = readSharedTabsConfig(location.search);
const state: SharedTabsPageState = {
  registration: 'starting',
  tabs: undefined,
  calls: {},
  ringing: [],
  peerConnections: 0,
  errors: [],
};
window.addEventListener('error', (event) => state.errors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => state.errors.push(String(event.reason)));
window.__tabs = { state };

/** Copies the hooks' state into `window.__tabs.state` (no markup). */
function Reporter() {
  const registration = useRegistration();
  const tabs = useTabs();
  const calls = useSipStore((s) => s.calls);
  const ringing = useSipStore((s) => s.incomingCallIds);
  useEffect(() => {
    state.registration = registration.status;
  }, [registration.status]);
  useEffect(() => {
    state.tabs = { mode: tabs.mode, role: tabs.role, reason: tabs.reason, tabId: tabs.tabId };
  }, [tabs.mode, tabs.role, tabs.reason, tabs.tabId]);
  useEffect(() => {
    for (const call of Object.values(calls)) {
      state.calls[call.id] = {
        id: call.id,
        callId: call.callId,
        direction: call.direction,
        status: call.status,
        cause: call.cause,
        endedBy: call.endedBy,
      };
    }
  }, [calls]);
  useEffect(() => {
    state.ringing = [...ringing];
  }, [ringing]);
  return null;
}

/** The tab's role, as the demo shows it: "this tab runs the phone" or "phone in another tab". */
function TabRole() {
  const { mode, role } = useTabs();
  return (
    <p data-testid="tab-role" data-mode={mode} data-role={role}>
      {mode === 'single' ? 'this tab only' : role === 'owner' ? 'phone runs here' : role}
    </p>
  );
}

/** The banner of the call that rings, in every tab, with Answer. */
function IncomingBanner() {
  const { call, answer } = useIncomingCall();
  if (call === undefined) return null;
  return (
    <section data-testid="incoming" data-call={call.id}>
      <span>{call.remoteIdentity.uri} is calling</span>
      <button type="button" data-testid="answer" onClick={() => answer()}>
        Answer
      </button>
    </section>
  );
}

const live = (call: CallState | undefined): call is CallState =>
  call !== undefined && call.status !== 'terminated' && call.status !== 'ringing';

/** The calls in progress, each with Hang up, and its remote audio where this tab has it. */
function Calls() {
  const calls = useSipStore(useShallow((s) => s.callOrder.map((id) => s.calls[id]).filter(live)));
  const actions = useSipActions();
  return (
    <ul data-testid="calls">
      {calls.map((call) => (
        <li key={call.id} data-testid="call" data-call={call.id} data-status={call.status}>
          <span>{call.remoteIdentity.uri}</span>
          <button type="button" data-testid="hangup" onClick={() => actions.hangup(call.id)}>
            Hang up
          </button>
          <RemoteAudio callId={call.id} />
        </li>
      ))}
    </ul>
  );
}

const socket = new WebSocketInterface(config.ws);
createRoot(document.getElementById('root') as HTMLElement).render(
  <SipProvider
    config={{ uri: config.uri, password: config.password, sockets: socket }}
    tabs={sharedTabs}
  >
    <Reporter />
    <TabRole />
    <IncomingBanner />
    <Calls />
  </SipProvider>,
);
document.title = `shared tabs ${config.uri}`;
