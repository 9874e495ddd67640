import { useEffect, useState, type ReactNode } from 'react';

/**
 * Renders `children` once `navigator.permissions` answers `microphone` with `state` (and puts
 * the real one back on unmount), so the microphone stories look the same on every machine.
 *
 * @example <FakeMicrophonePermission state="denied"><Softphone /></FakeMicrophonePermission>
 */
export function FakeMicrophonePermission({
  state,
  children,
}: {
  readonly state: PermissionState;
  readonly children: ReactNode;
}): ReactNode {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const own = Object.getOwnPropertyDescriptor(navigator, 'permissions');
    const status = Object.assign(new EventTarget(), { state, name: 'microphone', onchange: null });
    const permissions = {
      query: ({ name }: { name: string }) =>
        name === 'microphone'
          ? Promise.resolve(status)
          : Promise.reject(new TypeError(`no permission ${name}`)),
    };
    Object.defineProperty(navigator, 'permissions', { value: permissions, configurable: true });
    // On purpose: the children must not read navigator.permissions before it is replaced.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setReady(true);
    return () => {
      if (own === undefined) Reflect.deleteProperty(navigator, 'permissions');
      else Object.defineProperty(navigator, 'permissions', own);
      setReady(false);
    };
  }, [state]);
  return ready ? children : null;
}
