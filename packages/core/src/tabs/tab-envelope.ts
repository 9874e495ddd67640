import type { TabEnvelope } from './tab-coordinator-options.js';

/** The coordinator's own topics; apps and the other tab modules use their own namespaces. */
export const TabTopics = {
  /** A tab starts (or comes back from the back/forward cache): everyone answers with a beat. */
  hello: 'tabs/hello',
  /** "I am alive", to all or as the answer to a hello or ping; `term` set when sent by the owner. */
  heartbeat: 'tabs/heartbeat',
  /** "Are you still there?" to one quiet tab. */
  ping: 'tabs/ping',
  /** The tab stops or its page goes away. */
  goodbye: 'tabs/goodbye',
} as const;

/** Topics starting with this belong to the coordinator. */
export const COORDINATOR_TOPIC_PREFIX = 'tabs/';

/** The body of a hello or heartbeat. */
export interface PresenceBody {
  /**
   * Set by the owner: its ownership term, one more than the highest it had heard of. A claim
   * with a lower term is an old owner's message overtaken by the new owner's (channels keep
   * order per sender only), and is ignored.
   */
  readonly term?: number;
}

/** True for something a coordinator of this version sent. */
export function isTabEnvelope(data: unknown): data is TabEnvelope {
  if (typeof data !== 'object' || data === null) return false;
  const envelope = data as Partial<Record<keyof TabEnvelope, unknown>>;
  return (
    envelope.v === 1 &&
    typeof envelope.from === 'string' &&
    typeof envelope.topic === 'string' &&
    (envelope.to === undefined || typeof envelope.to === 'string')
  );
}

/** The owner's term in a presence body, if it carries one. */
export function termOf(body: unknown): number | undefined {
  const term = (body as PresenceBody | null | undefined)?.term;
  return typeof term === 'number' && Number.isFinite(term) ? term : undefined;
}
