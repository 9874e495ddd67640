import { useSipContext } from '@sipkit/react';
import { useEffect } from 'react';
import { isDialpadKey } from '../components/dialpad-keys.js';
import { isTypingTarget } from './call-shortcuts.js';

/**
 * Sends digits, `*` and `#` typed anywhere on the page as DTMF (RFC 4733) while the current call
 * is confirmed, so a person can answer a menu without first finding the keypad. Keys typed into
 * a field (the dial field, a chat box) stay there, and a `<Dialpad>` handles its own keys.
 * `onDigit` sees each tone sent (to show it).
 *
 * @example useTypedDtmf((tone) => setLastTone(tone));
 */
export function useTypedDtmf(onDigit?: (tone: string) => void, enabled = true): void {
  const { store, actions } = useSipContext();
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (!isDialpadKey(event.key) || event.key === '+' || isTypingTarget(event.target)) return;
      const { currentCallId, calls } = store.getState();
      const call = currentCallId === undefined ? undefined : calls[currentCallId];
      if (call?.status !== 'confirmed') return;
      event.preventDefault();
      if (event.repeat) return;
      try {
        actions.sendDTMF(call.id, event.key);
      } catch {
        // The call moved on (ended, re-INVITE in flight) since it was read: nothing to send.
        return;
      }
      onDigit?.(event.key);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled, store, actions, onDigit]);
}
