// What the shared-tabs page reports to the test (`window.__tabs`): plain data Playwright reads.
// The buttons are the way in (a person clicks Answer in one tab, Hang up in another); only the
// inbound RTP count is read through a function, from the peer connections this tab created.

/** The page's query parameters (`?ws=...&uri=...&password=...`). */
export interface SharedTabsPageConfig {
  readonly ws: string;
  readonly uri: string;
  readonly password: string;
}

/** One call as this tab's store shows it. */
export interface TabCall {
  readonly id: string;
  readonly callId: string;
  readonly direction: string;
  readonly status: string;
  readonly cause: string | undefined;
  readonly endedBy: string | undefined;
}

/** What `useTabs()` says about this tab, copied. */
export interface TabRoleState {
  readonly mode: string;
  readonly role: string;
  readonly reason: string | undefined;
  readonly tabId: string | undefined;
}

export interface SharedTabsPageState {
  registration: string;
  tabs: TabRoleState | undefined;
  /** Every call the store held, by id, as last seen (ended calls stay). */
  readonly calls: Record<string, TabCall>;
  /** Ids the store lists as ringing (its `incomingCallIds`). */
  ringing: readonly string[];
  /** Peer connections created in this tab (counted by an init script, before the bundle ran). */
  peerConnections: number;
  readonly errors: string[];
}

/** Inbound audio of this tab's peer connections, summed over their `inbound-rtp` audio stats. */
export interface TabInboundAudio {
  readonly packetsReceived: number;
  readonly connections: number;
  readonly connectionStates: readonly string[];
}

export interface SharedTabsPageApi {
  readonly state: SharedTabsPageState;
}

declare global {
  interface Window {
    __tabs: SharedTabsPageApi;
    /** Every RTCPeerConnection this tab created (the init script of harness/shared-tabs-page.ts). */
    __peerConnections?: RTCPeerConnection[];
  }
}

/** Reads the page's query parameters; fails loudly when one is missing. */
export function readSharedTabsConfig(search: string): SharedTabsPageConfig {
  const query = new URLSearchParams(search);
  const need = (name: string): string => {
    const value = query.get(name);
    if (value === null || value === '') throw new Error(`shared-tabs page: ?${name}= is missing`);
    return value;
  };
  return { ws: need('ws'), uri: need('uri'), password: need('password') };
}
