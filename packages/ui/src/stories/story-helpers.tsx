import { useCall } from '@sipkit/react';
import type { ReactNode } from 'react';
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
