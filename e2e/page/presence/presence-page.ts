// What the presence page reports and offers the test (`window.__presence`): plain data that
// Playwright reads, and the publishing actions of `usePublishPresence`.
import type { PresenceStatus } from '@sipkit/react';

/** A contact shown in the page's BuddyList. */
export interface PageBuddy {
  readonly uri: string;
  readonly name: string;
}

/** The page's query parameters (`?ws=...&uri=...`), read by `readPresenceConfig`. */
export interface PresencePageConfig {
  readonly ws: string;
  readonly uri: string;
  readonly password: string;
  /** URIs shown as `<PresenceBadge>`s. */
  readonly watch: readonly string[];
  /** Contacts of the `<BuddyList>` (presence, busy lamp, pickup). */
  readonly buddies: readonly PageBuddy[];
  /** Show `<VoicemailIndicator>` (our own mailbox's message-summary). */
  readonly voicemail: boolean;
}

/** A pickup the BuddyList offered and the test clicked: the dialog behind the ringing lamp. */
export interface PickupNote {
  readonly buddy: string;
  readonly callId: string | undefined;
  readonly localTag: string | undefined;
  readonly remoteTag: string | undefined;
  readonly caller: string | undefined;
}

export interface PresencePageState {
  registration: string;
  publication: { status: string; statusCode: number | undefined; cause: string | undefined };
  readonly pickups: PickupNote[];
  readonly errors: string[];
}

export interface PresencePageApi {
  readonly state: PresencePageState;
  publish(status: PresenceStatus): Promise<void>;
  unpublish(): Promise<void>;
}

declare global {
  interface Window {
    __presence: PresencePageApi;
  }
}

export function readPresenceConfig(search: string): PresencePageConfig {
  const query = new URLSearchParams(search);
  const need = (name: string): string => {
    const value = query.get(name);
    if (value === null) throw new Error(`presence page: query parameter ${name} is missing`);
    return value;
  };
  return {
    ws: need('ws'),
    uri: need('uri'),
    password: need('password'),
    watch: JSON.parse(query.get('watch') ?? '[]') as string[],
    buddies: JSON.parse(query.get('buddies') ?? '[]') as PageBuddy[],
    voicemail: query.get('voicemail') === '1',
  };
}
