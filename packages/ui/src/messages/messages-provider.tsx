import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { defaultMessages } from './default-messages.js';
import type { SipKitMessages, SipKitMessagesOverride } from './sipkit-messages.js';

const MessagesContext = createContext<SipKitMessages>(defaultMessages);

/**
 * `base` with the texts `override` gives: group by group, text by text, so an override of one
 * text keeps the rest of its group.
 *
 * @example mergeMessages(defaultMessages, { dial: { call: 'Appeler' } }).dial.keypad // 'Keypad'
 */
export function mergeMessages(
  base: SipKitMessages,
  override: SipKitMessagesOverride | undefined,
): SipKitMessages {
  if (override === undefined) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const group of Object.keys(override) as (keyof SipKitMessages)[]) {
    const given = override[group];
    if (given !== undefined) merged[group] = { ...base[group], ...given };
  }
  return merged as unknown as SipKitMessages;
}

/** Props of `<SipKitMessagesProvider>`. */
export interface SipKitMessagesProviderProps {
  /** The texts to change; the rest come from the provider above, or English. */
  readonly messages: SipKitMessagesOverride;
  readonly children?: ReactNode;
}

/**
 * Gives the components below it other texts (a language, a product's wording). Partial: what
 * `messages` leaves out comes from the provider above it, or `defaultMessages`. Keep `messages`
 * stable (a module constant or memoized) so the components below do not re-render for nothing.
 *
 * @example
 * const fr = { controls: { mute: 'Couper le micro', unmute: 'Rétablir le micro' } };
 * <SipKitMessagesProvider messages={fr}><Softphone /></SipKitMessagesProvider>
 */
export function SipKitMessagesProvider({
  messages,
  children,
}: SipKitMessagesProviderProps): ReactNode {
  const parent = useContext(MessagesContext);
  const merged = useMemo(() => mergeMessages(parent, messages), [parent, messages]);
  return <MessagesContext.Provider value={merged}>{children}</MessagesContext.Provider>;
}

/**
 * The texts in effect: the nearest `<SipKitMessagesProvider>`'s, or `defaultMessages`. For your
 * own components, so they speak the same language as the kit.
 *
 * @example const { controls } = useMessages(); <button>{controls.mute}</button>
 */
export function useMessages(): SipKitMessages {
  return useContext(MessagesContext);
}
