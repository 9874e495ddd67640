import { useCallback, type ForwardedRef, type RefCallback } from 'react';

/**
 * One ref callback that feeds both a component's own ref and the one forwarded to it.
 *
 * @example const ref = useMergedRef(forwardedRef, setElement); return <video ref={ref} />;
 */
export function useMergedRef<T>(
  forwarded: ForwardedRef<T>,
  own: (element: T | null) => void,
): RefCallback<T> {
  return useCallback(
    (element: T | null) => {
      own(element);
      assignRef(forwarded, element);
    },
    [forwarded, own],
  );
}

// A ref object belongs to the parent, which handed it over to be filled: filling it is the point.
function assignRef<T>(ref: ForwardedRef<T>, value: T | null): void {
  if (typeof ref === 'function') ref(value);
  else if (ref !== null) ref.current = value;
}
