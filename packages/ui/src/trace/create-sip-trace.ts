import { parseMessage, type UALogger } from '@sipkit/core';
import type { TracedMessage } from './traced-message.js';

/** Settings of `createSipTrace`. */
export interface SipTraceOptions {
  /** Messages kept across all calls; the oldest calls are forgotten first. Default 1000. */
  readonly maxMessages?: number;
  /** Another logger that gets every line too (e.g. `console`), since the trace swallows none. */
  readonly forward?: UALogger;
  readonly now?: () => number;
}

/**
 * A `UALogger` that records the SIP messages a UA logs, grouped by Call-ID, for `useSipTrace` and
 * `<SipLadder>`. Also an external store: `subscribe` tells when a message arrives.
 */
export interface SipTrace extends UALogger {
  /**
   * The messages of one call, oldest first. `id` is a Call-ID or a store call id (`CallState.id`:
   * Call-ID plus the From tag of the first INVITE). The same array comes back until one is added.
   */
  messages(id: string): readonly TracedMessage[];
  /** Call-IDs seen, oldest first (registrations have one too). */
  callIds(): readonly string[];
  subscribe(listener: () => void): () => void;
  clear(): void;
}

const LINE = /^sip: (sending|received)\r?\n/;
const NONE: readonly TracedMessage[] = Object.freeze([]);

/**
 * Records SIP traffic for a ladder diagram. Pass it as the provider's logger; it forwards every
 * line to `forward`, so console logging keeps working.
 *
 * @example
 * const trace = createSipTrace({ forward: console });
 * <SipProvider config={config} logger={trace}>
 *   <SipLadder trace={trace} />
 * </SipProvider>
 */
export function createSipTrace(options: SipTraceOptions = {}): SipTrace {
  const max = options.maxMessages ?? 1000;
  const now = options.now ?? Date.now;
  const groups = new Map<string, readonly TracedMessage[]>();
  // A store call id is the Call-ID plus the From tag of the initial INVITE (as in the core).
  const bySessionId = new Map<string, string>();
  const listeners = new Set<() => void>();
  let count = 0;
  let nextId = 1;

  const record = (direction: TracedMessage['direction'], raw: string): void => {
    const message = describe(nextId, direction, now(), raw);
    if (message === undefined) return;
    nextId += 1;
    const group = groups.get(message.callId) ?? NONE;
    if (group === NONE && message.kind === 'request' && message.method === 'INVITE') {
      bySessionId.set(message.callId + (message.fromTag ?? ''), message.callId);
    }
    groups.set(message.callId, [...group, message]);
    count += 1;
    forgetOldest();
    for (const listener of [...listeners]) listener();
  };

  const forgetOldest = (): void => {
    for (const [callId, group] of groups) {
      if (count <= max) return;
      groups.delete(callId);
      count -= group.length;
      for (const [sessionId, owner] of bySessionId) {
        if (owner === callId) bySessionId.delete(sessionId);
      }
    }
  };

  return {
    debug(line, ...details) {
      const match = LINE.exec(line);
      if (match !== null)
        record(match[1] === 'sending' ? 'sent' : 'received', line.slice(match[0].length));
      options.forward?.debug(line, ...details);
    },
    warn: (line, ...details) => options.forward?.warn(line, ...details),
    error: (line, ...details) => options.forward?.error(line, ...details),
    messages: (id) => groups.get(id) ?? groups.get(bySessionId.get(id) ?? '') ?? NONE,
    callIds: () => [...groups.keys()],
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    clear() {
      groups.clear();
      bySessionId.clear();
      count = 0;
      for (const listener of [...listeners]) listener();
    },
  };
}

function describe(
  id: number,
  direction: TracedMessage['direction'],
  time: number,
  raw: string,
): TracedMessage | undefined {
  let parsed: ReturnType<typeof parseMessage>;
  try {
    parsed = parseMessage(raw);
  } catch {
    // The UA logs only what it parsed or serialized itself, so this is a line of another kind.
    return undefined;
  }
  const common = {
    id,
    direction,
    time,
    raw,
    callId: parsed.callId,
    cseq: parsed.cseq.seq,
    fromTag: parsed.from.tag,
  };
  if (parsed.kind === 'request') {
    const { method } = parsed;
    return {
      ...common,
      kind: 'request',
      method,
      status: undefined,
      reason: undefined,
      summary: method,
    };
  }
  const { status, reason } = parsed;
  return {
    ...common,
    kind: 'response',
    method: parsed.cseq.method,
    status,
    reason,
    summary: `${status} ${reason}`.trim(),
  };
}
