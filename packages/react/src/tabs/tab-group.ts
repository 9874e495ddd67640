/**
 * A tab's role in its group: `owner` runs the UA, `follower` mirrors it, `pending` waits for
 * the election (the Web Locks queue) to say.
 *
 * @example if (group.role === 'owner') startUa();
 */
export type TabRole = 'pending' | 'owner' | 'follower';

/**
 * One message from another tab of the group (never from this one).
 *
 * @example group.on('message', ({ from, topic, body }: TabMessage) => …);
 */
export interface TabMessage {
  readonly from: string;
  readonly topic: string;
  readonly body: unknown;
}

/**
 * What the React member needs of the core's `TabCoordinator` (election over Web Locks, one
 * BroadcastChannel per group, liveness): a structural subset, so tests and other coordinators
 * fit too.
 *
 * @example const group: TabGroup = new TabCoordinator({ group: tabGroupOf(config) });
 */
export interface TabGroup {
  readonly tabId: string;
  readonly role: TabRole;
  readonly ownerId: string | undefined;
  start(): void;
  /** Says goodbye and releases the lock; awaited before another member of this tab joins. */
  stop(): Promise<void>;
  /** To one tab (`to`), or to every other tab. Plain, structured-clone-able data only. */
  send(topic: string, body: unknown, to?: string): void;
  /** The live tabs, this one included. */
  tabs(): readonly string[];
  on(event: 'role', listener: (event: { readonly role: TabRole }) => void): () => void;
  on(event: 'message', listener: (event: TabMessage) => void): () => void;
  on(
    event: 'tabjoined' | 'tabgone',
    listener: (event: { readonly tabId: string }) => void,
  ): () => void;
  on(
    event: 'ownerchanged',
    listener: (event: { readonly ownerId: string | undefined }) => void,
  ): () => void;
}
