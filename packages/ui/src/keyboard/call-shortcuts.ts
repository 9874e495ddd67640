/** The call actions that have a keyboard shortcut. */
export type CallShortcutAction = 'answer' | 'decline' | 'hangup' | 'mute';

/**
 * Keys per action in the `aria-keyshortcuts` syntax (`Alt+Shift+A`): modifiers joined with `+`,
 * then one letter or key name. The same strings are shown to assistive technology.
 *
 * @example const shortcuts: CallShortcuts = { ...DEFAULT_CALL_SHORTCUTS, mute: 'Alt+Shift+U' };
 */
export type CallShortcuts = Readonly<Record<CallShortcutAction, string>>;

/**
 * Alt+Shift plus a letter: they type nothing into a focused field on Windows and Linux, and no
 * browser binds them (Ctrl+Shift+A opens Chrome's tab search, Alt+letter opens menus), so they
 * work while the person is typing a number. On macOS Option+Shift+letter would type a symbol;
 * the handler consumes it when it acts.
 *
 * @example <button aria-keyshortcuts={DEFAULT_CALL_SHORTCUTS.answer}>Answer</button>
 */
export const DEFAULT_CALL_SHORTCUTS: CallShortcuts = Object.freeze({
  answer: 'Alt+Shift+A',
  decline: 'Alt+Shift+D',
  hangup: 'Alt+Shift+H',
  mute: 'Alt+Shift+M',
});

type KeyEventLike = Pick<
  KeyboardEvent,
  'key' | 'code' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'
>;

const MODIFIERS = ['Alt', 'Shift', 'Control', 'Meta'] as const;

/**
 * Whether a key event is `shortcut`. Letters are compared by physical key (`event.code`), since
 * with Alt or Option held `event.key` is a symbol (Option+Shift+A is `Å` on a Mac).
 *
 * @example matchesShortcut(event, 'Alt+Shift+A')
 */
export function matchesShortcut(event: KeyEventLike, shortcut: string): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop() ?? '';
  const wanted = new Set(parts);
  for (const modifier of wanted) {
    if (!(MODIFIERS as readonly string[]).includes(modifier)) return false;
  }
  if (event.altKey !== wanted.has('Alt') || event.shiftKey !== wanted.has('Shift')) return false;
  if (event.ctrlKey !== wanted.has('Control') || event.metaKey !== wanted.has('Meta')) return false;
  if (/^[A-Za-z]$/.test(key)) return event.code === `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return event.code === `Digit${key}` || event.key === key;
  return event.key === key;
}

/**
 * True for a key event typed into something that takes text (an input, a textarea, an editable
 * element, a select): single keys there are the person's, never a shortcut's.
 *
 * @example if (isTypingTarget(event.target)) return;
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (target === null || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  return (
    element.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !==
    null
  );
}
