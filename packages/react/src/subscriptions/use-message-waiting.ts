import type { MessageSummary, UA } from '@sipkit/core';
import { useMemo } from 'react';
import type { WatchStatus } from './subscription-state.js';
import { useWatch } from './use-watch.js';
import { MESSAGE_SUMMARY } from './watch-kinds.js';

/**
 * Options of `useMessageWaiting`.
 *
 * @example useMessageWaiting({ account: 'sip:*97@pbx.example.com' })
 */
export interface UseMessageWaitingOptions {
  /** The mailbox to subscribe to; default our own AOR (RFC 3842 §3). */
  readonly account?: string;
}

/**
 * What `useMessageWaiting` returns: the lamp and the voice counts (zero until told).
 *
 * @example const { waiting, newMessages }: UseMessageWaitingResult = useMessageWaiting();
 */
export interface UseMessageWaitingResult {
  /** The subscription's status; unsolicited NOTIFYs update the counts whatever it is. */
  readonly status: WatchStatus;
  readonly waiting: boolean;
  /** New and old voice messages (RFC 3842 §5.2 `Voice-Message`). */
  readonly newMessages: number;
  readonly oldMessages: number;
  /** The whole summary (other classes, urgent counts, `Message-Account`). */
  readonly summary: MessageSummary | undefined;
  readonly error: string | undefined;
  readonly reason: string | undefined;
}

const ownAor = (ua: UA) => ua.configuration.uri;

/**
 * Message waiting (MWI, RFC 3842): a subscription to our mailbox's `message-summary`, plus the
 * NOTIFYs many PBXs send without one (the UA's `sipEvent`). Shared like `usePresence`.
 *
 * @example
 * function Voicemail() {
 *   const { waiting, newMessages } = useMessageWaiting();
 *   return waiting ? <span>{newMessages} new</span> : null;
 * }
 */
export function useMessageWaiting(options: UseMessageWaitingOptions = {}): UseMessageWaitingResult {
  const { account } = options;
  // '' is our own AOR, resolved on each UA.
  const watch = useWatch(
    MESSAGE_SUMMARY,
    account ?? '',
    account === undefined ? ownAor : () => account,
  );
  return useMemo(() => {
    const summary = watch.value;
    return {
      status: watch.status,
      waiting: summary?.waiting ?? false,
      newMessages: summary?.voice.new ?? 0,
      oldMessages: summary?.voice.old ?? 0,
      summary,
      error: watch.error,
      reason: watch.reason,
    };
  }, [watch]);
}
