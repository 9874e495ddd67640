import type { RequestResult, SendMessageOptions } from '@sipkit/core';
import { useMemo } from 'react';
import type { MessageState } from '../store/sip-state.js';
import { useSipActions } from './use-sip-actions.js';
import { useSipStore } from './use-sip-store.js';

/**
 * What `useMessages` returns.
 *
 * @example const { messages, sendMessage }: UseMessagesResult = useMessages();
 */
export interface UseMessagesResult {
  /** Recent messages, oldest first (bounded by the provider's `maxMessages`). */
  readonly messages: readonly MessageState[];
  /** Sends a MESSAGE (RFC 3428); it shows in `messages` at once, as `sending`. */
  sendMessage(target: string, body: string, options?: SendMessageOptions): Promise<RequestResult>;
}

/**
 * Instant messages sent and received, and a way to send one.
 *
 * @example
 * const { messages, sendMessage } = useMessages();
 * void sendMessage('bob', 'on my way');
 */
export function useMessages(): UseMessagesResult {
  const messages = useSipStore((s) => s.messages);
  const { sendMessage } = useSipActions();
  return useMemo(() => ({ messages, sendMessage }), [messages, sendMessage]);
}
