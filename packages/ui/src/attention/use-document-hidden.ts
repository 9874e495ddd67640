import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

/**
 * True while the page is not visible (another tab, a minimised window: `document.hidden`),
 * false on the server and while hydrating.
 *
 * @example const hidden = useDocumentHidden(); // show a notification only when true
 */
export function useDocumentHidden(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => document.hidden,
    () => false,
  );
}
