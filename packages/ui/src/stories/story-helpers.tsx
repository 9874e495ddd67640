import { useCall } from '@sipkit/react';
import { useState, type ReactNode } from 'react';
import { callLabel } from '../internal/call-label.js';

/**
 * A plain line with the current call's state, for stories of parts that do not show it
 * themselves (`data-testid="call-state"` holds the raw status).
 *
 * @example render: () => <><CallButton target="bob" /><CallState /></>
 */
export function CallState(): ReactNode {
  const { state } = useCall();
  return (
    <p className="sk-story-note" data-testid="call-state" data-status={state?.status ?? 'none'}>
      {state === undefined ? 'No call' : callLabel(state)}
    </p>
  );
}

/**
 * Stands for the app's "disconnect" in stories of `onDisconnect`: counts the times it was asked
 * to, in a line a test can read (`data-testid="disconnects"`).
 *
 * @example const [count, disconnect] = useDisconnects(); <DisconnectButton onDisconnect={disconnect} />
 */
export function useDisconnects(): readonly [ReactNode, () => void] {
  const [count, setCount] = useState(0);
  const line = (
    <p className="sk-story-note" data-testid="disconnects">
      Disconnected {count} times
    </p>
  );
  return [line, () => setCount((n) => n + 1)];
}
