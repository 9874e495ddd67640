import { useSipContext, type AnswerCallOptions } from '@sipkit/react';
import { useEffect, useRef } from 'react';
import { isLive } from '../internal/call-label.js';
import { DEFAULT_CALL_SHORTCUTS, matchesShortcut, type CallShortcuts } from './call-shortcuts.js';

/** Options of `useCallShortcuts`. */
export interface UseCallShortcutsOptions {
  /** The keys; default `DEFAULT_CALL_SHORTCUTS` (Alt+Shift+A/D/H/M). */
  readonly shortcuts?: CallShortcuts;
  /** Options of the calls answered by the shortcut (as the Answer button's). */
  readonly answerOptions?: AnswerCallOptions;
  /** Answers instead of the default (e.g. receive-only without a microphone). */
  readonly onAnswer?: () => void;
  /** Listen at all (default true). */
  readonly enabled?: boolean;
}

/**
 * Page-wide keys for the call actions: answer and decline the ringing call, hang up and mute
 * the current one. Each acts only when it can (answer while something rings...), and only then
 * consumes the key. Listens on `document` while mounted; nothing on the server.
 *
 * @example
 * useCallShortcuts(); // Alt+Shift+A answers, Alt+Shift+D declines, Alt+Shift+H hangs up, Alt+Shift+M mutes
 */
export function useCallShortcuts({
  shortcuts = DEFAULT_CALL_SHORTCUTS,
  answerOptions,
  onAnswer,
  enabled = true,
}: UseCallShortcutsOptions = {}): void {
  const { store, actions } = useSipContext();
  const latest = useRef({ shortcuts, answerOptions, onAnswer });
  // The latest options for the listener, which stays registered across renders.
  useEffect(() => {
    latest.current = { shortcuts, answerOptions, onAnswer };
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.repeat) return;
      const { shortcuts: keys, answerOptions: options, onAnswer: answer } = latest.current;
      const state = store.getState();
      const ringing = state.incomingCallIds.find((id) => state.calls[id]?.answering === false);
      const current =
        state.currentCallId === undefined ? undefined : state.calls[state.currentCallId];
      const act = (action: () => void): void => {
        event.preventDefault();
        action();
      };
      if (ringing !== undefined && matchesShortcut(event, keys.answer)) {
        act(() => (answer === undefined ? actions.answer(ringing, options) : answer()));
      } else if (ringing !== undefined && matchesShortcut(event, keys.decline)) {
        act(() => actions.decline(ringing));
      } else if (current !== undefined && isLive(current) && matchesShortcut(event, keys.hangup)) {
        act(() => actions.hangup(current.id));
      } else if (
        (current?.status === 'confirmed' || current?.status === 'answered') &&
        matchesShortcut(event, keys.mute)
      ) {
        act(() => (current.muted.audio ? actions.unmute(current.id) : actions.mute(current.id)));
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled, store, actions]);
}
