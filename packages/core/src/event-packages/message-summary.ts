import { EventBodyError } from './event-body-error.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** Content type of a message-summary body (RFC 3842 §5.2). */
export const MESSAGE_SUMMARY_CONTENT_TYPE = 'application/simple-message-summary';

/** Counts of one message class (RFC 3842 §5.2: `new/old (urgent-new/urgent-old)`). */
export interface MessageCounts {
  readonly new: number;
  readonly old: number;
  readonly urgentNew: number;
  readonly urgentOld: number;
}

/** A message-summary body, read (RFC 3842). */
export interface MessageSummary {
  /** `Messages-Waiting: yes` — the lamp. */
  readonly waiting: boolean;
  /** `Message-Account`, the mailbox URI, when given. */
  readonly account: string | undefined;
  /** Counts by message class, lowercased: `voice`, `fax`, `text`, `video`... (RFC 3458). */
  readonly messages: Readonly<Record<string, MessageCounts>>;
  /** Voice counts, the common case; zero counts when absent. */
  readonly voice: MessageCounts;
}

const COUNTS = /^(\d{1,9})\/(\d{1,9})(?:\s*\((\d{1,9})\/(\d{1,9})\))?\s*$/;
const ZERO: MessageCounts = { new: 0, old: 0, urgentNew: 0, urgentOld: 0 };

/**
 * Parses an `application/simple-message-summary` body (RFC 3842 §5.2, a text format, not XML).
 * Throws `EventBodyError` (only) when `Messages-Waiting` is missing or a count line is malformed;
 * the optional message headers after the blank line are ignored.
 *
 * @example
 * ua.on('sipEvent', ({ event, request }) => {
 *   if (event.type === 'message-summary') setLamp(parseMessageSummary(request.body).waiting);
 * });
 */
export function parseMessageSummary(body: string): MessageSummary {
  let waiting: boolean | undefined;
  let account: string | undefined;
  const messages: Record<string, MessageCounts> = {};
  for (const line of body.split(/\r?\n/)) {
    if (line.trim() === '') {
      if (waiting !== undefined) break; // message headers follow (§5.2), not ours to read
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 1)
      throw new EventBodyError(
        'message-summary',
        DEV ? `not a "Name: value" line: ${line.slice(0, 40)}` : `event.line ${line.slice(0, 40)}`,
      );
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'messages-waiting') {
      const answer = value.toLowerCase();
      if (answer !== 'yes' && answer !== 'no') {
        throw new EventBodyError(
          'message-summary',
          DEV ? 'Messages-Waiting must be yes or no' : 'event.waiting',
        );
      }
      waiting = answer === 'yes';
    } else if (name === 'message-account') {
      account = value;
    } else if (name.endsWith('-message')) {
      const match = COUNTS.exec(value);
      if (match === null)
        throw new EventBodyError(
          'message-summary',
          DEV ? `bad counts for ${name.slice(0, 30)}` : `event.counts ${name.slice(0, 30)}`,
        );
      messages[name.slice(0, -'-message'.length)] = {
        new: Number(match[1]),
        old: Number(match[2]),
        urgentNew: Number(match[3] ?? 0),
        urgentOld: Number(match[4] ?? 0),
      };
    }
  }
  if (waiting === undefined)
    throw new EventBodyError(
      'message-summary',
      DEV ? 'Messages-Waiting is missing' : 'event.waiting',
    );
  return { waiting, account, messages, voice: messages['voice'] ?? ZERO };
}

/** What `buildMessageSummary` writes. */
export interface MessageSummaryInit {
  readonly waiting: boolean;
  readonly account?: string;
  readonly voice?: Partial<MessageCounts>;
}

/**
 * Writes a message-summary body (RFC 3842 §5.2), e.g. for a test voicemail server.
 *
 * @example buildMessageSummary({ waiting: true, voice: { new: 2, old: 8 } })
 */
export function buildMessageSummary(init: MessageSummaryInit): string {
  const lines = [`Messages-Waiting: ${init.waiting ? 'yes' : 'no'}`];
  if (init.account !== undefined)
    lines.push(`Message-Account: ${init.account.replace(/[\r\n]/g, '')}`);
  if (init.voice !== undefined) {
    const n = (value: number | undefined) => Math.max(0, Math.floor(value ?? 0));
    const v = init.voice;
    lines.push(`Voice-Message: ${n(v.new)}/${n(v.old)} (${n(v.urgentNew)}/${n(v.urgentOld)})`);
  }
  return `${lines.join('\r\n')}\r\n`;
}
