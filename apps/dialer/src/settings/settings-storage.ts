import { defaultSettings, SECRET_FIELDS, type DialerSettings } from './settings.js';

/** The localStorage key of the saved settings. */
export const SETTINGS_KEY = 'sipkit-dialer:settings';

/** The part of `Storage` used here (so tests can pass a plain object). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * What is written to storage: everything but the password, HA1 and JWT, which are kept only when
 * the user ticked "Remember password" (localStorage is readable by any script on the origin).
 *
 * @example storedSettings({ ...settings, password: 'x' }).password // undefined
 */
export function storedSettings(settings: DialerSettings): Partial<DialerSettings> {
  if (settings.remember_password) return settings;
  const stored: Partial<DialerSettings> = { ...settings };
  for (const key of SECRET_FIELDS) delete stored[key];
  return stored;
}

/**
 * Saves the settings (see `storedSettings` for what is left out). Storage that refuses (private
 * mode, quota) is not an error worth failing a call over: the settings just are not kept.
 *
 * @example saveSettings(localStorage, settings)
 */
export function saveSettings(storage: KeyValueStorage | undefined, settings: DialerSettings): void {
  try {
    storage?.setItem(SETTINGS_KEY, JSON.stringify(storedSettings(settings)));
  } catch {
    // Not kept; nothing else to do.
  }
}

/**
 * The saved settings over the defaults. Anything unreadable (another version's shape, hand edits)
 * falls back to the default field by field, so a bad entry never locks the user out.
 *
 * @example const settings = loadSettings(localStorage);
 */
export function loadSettings(storage: KeyValueStorage | undefined): DialerSettings {
  const defaults = defaultSettings();
  const saved = readObject(storage);
  if (saved === undefined) return defaults;
  const merged: DialerSettings = { ...defaults };
  const writable = merged as Record<keyof DialerSettings, unknown>;
  for (const key of Object.keys(defaults) as (keyof DialerSettings)[]) {
    if (typeof saved[key] === typeof defaults[key]) writable[key] = saved[key];
  }
  if (merged.session_timers_refresh_method !== 'INVITE') {
    writable.session_timers_refresh_method = 'UPDATE';
  }
  // Secrets saved while the box was ticked are dropped once it no longer is.
  if (merged.remember_password) return merged;
  return { ...merged, password: '', ha1: '', authorization_jwt: '' };
}

function readObject(storage: KeyValueStorage | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(storage?.getItem(SETTINGS_KEY) ?? 'null');
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
