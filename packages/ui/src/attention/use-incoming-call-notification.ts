import { useIncomingCall } from '@sipkit/react';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { partyName } from '../internal/party.js';
import { useDocumentHidden } from './use-document-hidden.js';
import { defaultMessages } from '../messages/default-messages.js';

/** `Notification.permission`, or `unsupported` where the browser has no notifications. */
export type NotificationPermissionState = NotificationPermission | 'unsupported';

/** Options of `useIncomingCallNotification`. */
export interface UseIncomingCallNotificationOptions {
  /** Notify at all (default true). Nothing shows before the person granted permission. */
  readonly enabled?: boolean;
  /** The notification's title for a caller's name; default "Incoming call". */
  readonly title?: (caller: string) => string;
  /** An icon URL for the notification. */
  readonly icon?: string;
  /** After a click focused the tab: e.g. focus the Answer button. */
  readonly onClick?: (callId: string) => void;
}

/**
 * What `useIncomingCallNotification` returns.
 *
 * @example const { permission, requestPermission }: UseIncomingCallNotificationResult = useIncomingCallNotification();
 */
export interface UseIncomingCallNotificationResult {
  readonly permission: NotificationPermissionState;
  /**
   * Asks for permission; call it from a click (browsers ignore or penalise a request made
   * without a user gesture). Resolves with the new permission.
   */
  requestPermission(): Promise<NotificationPermissionState>;
}

function notificationApi(): typeof Notification | undefined {
  return (globalThis as { Notification?: typeof Notification }).Notification;
}

/**
 * Shows a system notification for the ringing call while the page is hidden (another tab, a
 * minimised window) and permission is granted; it closes when the call stops ringing or the
 * page is shown. A click brings the tab to the front and calls `onClick`. Opt-in: permission is
 * only asked through `requestPermission`. Nothing runs on the server.
 *
 * @example
 * const { permission, requestPermission } = useIncomingCallNotification({ onClick: () => answerRef.current?.focus() });
 * return permission === 'default' ? <button onClick={() => void requestPermission()}>Notify me of calls</button> : null;
 */
export function useIncomingCallNotification({
  enabled = true,
  title = () => defaultMessages.attention.notificationTitle,
  icon,
  onClick,
}: UseIncomingCallNotificationOptions = {}): UseIncomingCallNotificationResult {
  const { call } = useIncomingCall();
  const hidden = useDocumentHidden();
  // The browser's answer once asked here; until then what it says now ('unsupported' on the
  // server and while hydrating, so the markup matches).
  const [asked, setAsked] = useState<NotificationPermissionState | undefined>(undefined);
  const current = useSyncExternalStore(
    subscribeNever,
    () => notificationApi()?.permission ?? 'unsupported',
    () => 'unsupported' as const,
  );
  const permission = asked ?? current;
  const latest = useRef({ title, onClick });
  useEffect(() => {
    latest.current = { title, onClick };
  });
  const callId = call?.answering === false ? call.id : undefined;
  const caller = call === undefined ? '' : partyName(call.remoteIdentity);

  useEffect(() => {
    const Api = notificationApi();
    if (!enabled || !hidden || callId === undefined || Api === undefined) return undefined;
    if (permission !== 'granted') return undefined;
    let shown: Notification;
    try {
      shown = new Api(latest.current.title(caller), {
        body: caller,
        tag: `sipkit-call-${callId}`,
        // Stays until acted on where the platform allows: a call is not a passing message.
        requireInteraction: true,
        ...(icon === undefined ? {} : { icon }),
      });
    } catch {
      // Chrome on Android only notifies through a service worker: the banner still shows.
      return undefined;
    }
    shown.onclick = () => {
      globalThis.focus?.();
      shown.close();
      latest.current.onClick?.(callId);
    };
    return () => shown.close();
  }, [enabled, hidden, callId, caller, icon, permission]);

  const requestPermission = useCallback(async (): Promise<NotificationPermissionState> => {
    const Api = notificationApi();
    if (Api === undefined) return 'unsupported';
    const next = await Api.requestPermission();
    setAsked(next);
    return next;
  }, []);

  return { permission, requestPermission };
}

// Nothing announces a permission change made outside the page: it is read again on render.
function subscribeNever(): () => void {
  return () => undefined;
}
