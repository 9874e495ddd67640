import { useEffect } from 'react';
import { useDocumentHidden } from './use-document-hidden.js';

/** Options of `useTabTitleAlert`. */
export interface UseTabTitleAlertOptions {
  /** Change the title only while the page is hidden (default true): visible, the banner says it. */
  readonly onlyWhenHidden?: boolean;
  /** Swap between the alert and the page's own title this often (ms); default 1000, 0: no swap. */
  readonly alternateMs?: number;
}

/**
 * Shows `text` as the tab's title (alternating with the page's own title, so the tab strip
 * catches the eye) while `text` is defined and the page is hidden; restores the page's title
 * afterwards, on unmount too. Does nothing on the server.
 *
 * @example
 * const { call } = useIncomingCall();
 * useTabTitleAlert(call === undefined ? undefined : `Call from ${partyName(call.remoteIdentity)}`);
 */
export function useTabTitleAlert(
  text: string | undefined,
  { onlyWhenHidden = true, alternateMs = 1000 }: UseTabTitleAlertOptions = {},
): void {
  const hidden = useDocumentHidden();
  const show = text !== undefined && (hidden || !onlyWhenHidden);
  useEffect(() => {
    if (!show) return undefined;
    const original = document.title;
    let alerting = true;
    document.title = text;
    const timer =
      alternateMs > 0
        ? setInterval(() => {
            alerting = !alerting;
            document.title = alerting ? text : original;
          }, alternateMs)
        : undefined;
    return () => {
      clearInterval(timer);
      document.title = original;
    };
  }, [show, text, alternateMs]);
}
