import { useEffect, useRef, type RefObject } from 'react';

/**
 * Where the person's next action is: the dial field when idle, Answer while a call rings, Hang up
 * in a call. Elements mark themselves with `data-sipkit-focus` set to one of these.
 *
 * @example <button data-sipkit-focus="answer">Answer</button>
 */
export type NextAction = 'dial' | 'answer' | 'hangup';

/** The selector of the element that takes focus for an action. */
export function nextActionSelector(action: NextAction): string {
  return `[data-sipkit-focus="${action}"]:not([disabled])`;
}

/**
 * Moves focus to the next action inside `root` when the phone appears or the action changes (a
 * call rings, is answered, ends) while focus is inside `root` or nowhere (`<body>`), and
 * whenever focus fell to `<body>` after being inside `root`, as when the button just
 * pressed (Call, Answer, Hang up) disappears. Focus elsewhere on the page (the person typing in
 * another form) is left alone, except that a ringing call takes it from `<body>`.
 *
 * @example
 * const root = useRef<HTMLElement>(null);
 * useNextActionFocus(root, ringing ? 'answer' : inCall ? 'hangup' : 'dial');
 */
export function useNextActionFocus(
  root: RefObject<HTMLElement | null>,
  action: NextAction,
  enabled = true,
): void {
  const inside = useRef(false);
  const previous = useRef<NextAction | undefined>(undefined);

  useEffect(() => {
    const element = root.current;
    if (element === null) return undefined;
    const onFocusIn = (): void => {
      inside.current = true;
    };
    const onFocusOut = (event: FocusEvent): void => {
      const next = event.relatedTarget;
      // null: focus went nowhere (the element was removed, or the window lost focus).
      if (next instanceof Node && !element.contains(next)) inside.current = false;
    };
    element.addEventListener('focusin', onFocusIn);
    element.addEventListener('focusout', onFocusOut);
    return () => {
      element.removeEventListener('focusin', onFocusIn);
      element.removeEventListener('focusout', onFocusOut);
    };
  }, [root]);

  // After every render: the render may have removed the focused button.
  useEffect(() => {
    const element = root.current;
    if (!enabled || element === null) return;
    // The first run counts as a change: a phone that appears after "Connect" (whose button is
    // gone, focus on <body>) takes focus at its dial field.
    const changed = previous.current !== action;
    previous.current = action;
    const active = element.ownerDocument.activeElement;
    const lost = active === null || active === element.ownerDocument.body;
    const focusedInside = active !== null && element.contains(active);
    if (!(lost && inside.current) && !(changed && (focusedInside || lost))) return;
    const target = element.querySelector<HTMLElement>(nextActionSelector(action));
    if (target !== null && target !== active) target.focus();
  });
}
