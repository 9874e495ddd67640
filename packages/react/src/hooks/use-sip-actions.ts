import type { SipActions } from '../client/sip-actions.js';
import { useSipContext } from '../sip-context.js';

/**
 * Every action of the nearest provider (stable for its life; reading it never re-renders).
 *
 * @example const { sendMessage } = useSipActions();
 */
export function useSipActions(): SipActions {
  return useSipContext().actions;
}
