import { Causes, type CallOptions } from '@sipkit/core';
import { useCall, useRegistration } from '@sipkit/react';
import { CallButton, DialInput } from '@sipkit/ui';
import { useState } from 'react';

/** Props of `<DialBar>`. */
export interface DialBarProps {
  readonly options: CallOptions;
  readonly video: boolean;
  readonly onVideoChange: (video: boolean) => void;
  /** Calls cannot be placed now (the microphone is blocked or missing; the notice says why). */
  readonly blocked?: boolean;
}

/**
 * Where calls start: the target field (Enter calls too), "Video" to call with the camera, and
 * "Call". Refusals (not a SIP address, not connected) show under the field.
 *
 * @example <DialBar options={options} video={video} onVideoChange={setVideo} />
 */
export function DialBar({ options, video, onVideoChange, blocked = false }: DialBarProps) {
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const { call } = useCall();
  const { connection, status, cause } = useRegistration();
  // Refused credentials: the INVITE would meet the same challenge (the notice says so).
  const refused =
    status === 'failed' &&
    (cause === Causes.AUTHENTICATION_ERROR || cause === Causes.NO_CREDENTIALS);
  const place = (to: string): void => {
    setError(undefined);
    // Enter follows the Call button: while it is disabled (no connection), nothing is placed,
    // rather than a call that can only fail into the history.
    if (connection !== 'connected' || blocked || refused) return;
    try {
      call(to, options);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <div className="dial-bar">
      <DialInput
        label="Number or SIP URI"
        value={target}
        onValueChange={(next) => {
          setTarget(next);
          setError(undefined);
        }}
        onSubmit={place}
      />
      <label className="video-toggle">
        <input
          type="checkbox"
          role="switch"
          checked={video}
          onChange={(e) => onVideoChange(e.target.checked)}
        />
        Video
      </label>
      <CallButton
        target={target}
        disabled={blocked}
        options={options}
        onCall={() => setError(undefined)}
        onError={(failure) =>
          setError(failure instanceof Error ? failure.message : String(failure))
        }
      />
      {error === undefined ? null : (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
