/** New and old voice messages of one mailbox (RFC 3842 §5.2). */
export interface MessageWaitingCounts {
  readonly new: number;
  readonly old: number;
}

/** Settings of the presence agent `SipProxyServer` runs when given `presence`. */
export interface PresenceAgentOptions {
  /** Voicemail counts by user name (`alice` for `sip:alice@any.domain`); default none. */
  readonly messageWaiting?: Readonly<Record<string, MessageWaitingCounts>>;
  /** Shortest subscription or publication accepted; shorter gets 423 (default 60 s). */
  readonly minExpires?: number;
  /** Longest granted; longer is cut to it (default 3600 s). */
  readonly maxExpires?: number;
}

/**
 * Thrown for message-waiting counts that cannot be told (RFC 3842 §5.2 counts are whole
 * numbers): `parameter` names the user and count at fault.
 *
 * @example try { agent.setMessageWaiting('alice', { new: -1, old: 0 }) } catch (e) { e.parameter } // 'alice.new'
 */
export class MessageWaitingError extends Error {
  override readonly name = 'MessageWaitingError';
  readonly parameter: string;

  constructor(parameter: string, message: string) {
    super(message);
    this.parameter = parameter;
  }
}

const MAX_COUNT = 999_999_999; // what a message-summary count line may carry (9 digits)

/**
 * Checks one mailbox's counts: whole numbers from 0 to 999,999,999.
 *
 * @example checkMessageWaiting('alice', { new: 2, old: 5 })
 */
export function checkMessageWaiting(user: string, counts: MessageWaitingCounts): void {
  if (!/^[A-Za-z0-9._~!$&'()*+;=-]+$/.test(user))
    throw new MessageWaitingError(
      'user',
      `a mailbox is named by a SIP user name such as "alice", got "${user.slice(0, 64)}"`,
    );
  for (const key of ['new', 'old'] as const) {
    const value = counts[key];
    if (!Number.isInteger(value) || value < 0 || value > MAX_COUNT)
      throw new MessageWaitingError(
        `${user}.${key}`,
        `the ${key} message count of ${user} must be a whole number from 0 to ${MAX_COUNT}, got ${String(value)}`,
      );
  }
}
