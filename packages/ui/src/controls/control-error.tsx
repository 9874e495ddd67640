import type { ReactNode } from 'react';

/**
 * Why a control's last action failed, right after it: the core's message, which says what to
 * change (`MediaChangeError`), with `data-sipkit-problem` / `data-sipkit-parameter` for CSS and
 * tests. Nothing when there is no error.
 */
export function ControlError({
  action,
  error,
}: {
  readonly action: string;
  readonly error: Error | undefined;
}): ReactNode {
  if (error === undefined) return null;
  const { problem, parameter } = error as { problem?: string; parameter?: string };
  return (
    <span
      role="alert"
      className="sk-control-error"
      data-sipkit-action={action}
      data-sipkit-problem={problem}
      data-sipkit-parameter={parameter}
    >
      {error.message}
    </span>
  );
}
