/** One user agent of the load run, whichever library it runs. */
export interface LoadAgent {
  readonly aor: string;
  /** `registered` events so far (JsSIP: one per state change; ours: one per 2xx, refreshes too). */
  readonly registrations: number;
  /** Connects and registers. */
  start(): void;
  /** Calls `target` (which answers by itself); resolves once confirmed, rejects with the cause. */
  call(target: string): Promise<LoadCall>;
  /** Unregisters and disconnects. */
  stop(): void;
}

/** A confirmed outgoing call of the load run. */
export interface LoadCall {
  /** ms from placing the call to `confirmed`. */
  readonly setupMs: number;
  /** Sends BYE; resolves when the call ended on this side (with its cause). */
  hangup(): Promise<string>;
}

/** What the callees report, shared by every agent of a run. */
export interface CalleeCounters {
  answered: number;
  /** Incoming calls ended by the caller's BYE. */
  endedByRemote: number;
  /** Incoming calls that failed or ended otherwise, with their causes. */
  readonly problems: string[];
}

/** Makes agent `index` for `user` (every agent answers incoming calls at once). */
export type LoadAgentFactory = (user: string, callees: CalleeCounters) => LoadAgent;

/** Audio-only SDP for the fake media of both libraries' load agents (RFC 4566, CRLF lines). */
export function loadSdp(sessionId: number, version: number): string {
  return [
    'v=0',
    `o=- ${sessionId} ${version} IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'a=rtpmap:111 opus/48000/2',
    'a=mid:0',
    'a=sendrecv',
    '',
  ].join('\r\n');
}
