import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../testing/memory-storage.js';
import { defaultSettings, type DialerSettings } from './settings.js';
import { loadSettings, saveSettings, SETTINGS_KEY, storedSettings } from './settings-storage.js';

const secrets = {
  password: 'secret',
  ha1: '270fe19ce3890bd85e105998b0a75cf0',
  authorization_jwt: 'eyJ.eyJ.sig',
};
const settings: DialerSettings = {
  ...defaultSettings(),
  uri: 'alice',
  display_name: 'Alice',
  realm: 'example.com',
  register_expires: '300',
  session_timers_refresh_method: 'INVITE',
  ...secrets,
};

const written = (storage: ReturnType<typeof memoryStorage>): Record<string, unknown> =>
  JSON.parse(storage.data.get(SETTINGS_KEY) ?? '{}') as Record<string, unknown>;

describe('settings persistence', () => {
  it('never stores the password, HA1 or JWT unless "Remember password" is ticked', () => {
    const storage = memoryStorage();
    saveSettings(storage, settings);
    const stored = written(storage);
    expect(stored).not.toHaveProperty('password');
    expect(stored).not.toHaveProperty('ha1');
    expect(stored).not.toHaveProperty('authorization_jwt');
    expect(storage.data.get(SETTINGS_KEY)).not.toContain('secret');
    expect(stored).toMatchObject({ uri: 'alice', display_name: 'Alice', realm: 'example.com' });
    expect(loadSettings(storage)).toEqual({
      ...settings,
      password: '',
      ha1: '',
      authorization_jwt: '',
    });
  });

  it('stores all three when the box is ticked, and drops them once it is unticked', () => {
    const storage = memoryStorage();
    saveSettings(storage, { ...settings, remember_password: true });
    expect(written(storage)).toMatchObject(secrets);
    expect(loadSettings(storage)).toEqual({ ...settings, remember_password: true });

    saveSettings(storage, { ...settings, remember_password: false });
    expect(written(storage)).not.toHaveProperty('password');
    expect(storedSettings({ ...settings, remember_password: false })).not.toHaveProperty('ha1');
  });

  it('ignores secrets in storage when the box is not ticked there (an edited or older entry)', () => {
    const storage = memoryStorage();
    storage.setItem(SETTINGS_KEY, JSON.stringify({ ...settings, remember_password: false }));
    expect(loadSettings(storage)).toMatchObject({ password: '', ha1: '', authorization_jwt: '' });
  });

  it('falls back to the defaults field by field for anything unreadable', () => {
    const storage = memoryStorage();
    expect(loadSettings(storage)).toEqual(defaultSettings());
    storage.setItem(SETTINGS_KEY, '{not json');
    expect(loadSettings(storage)).toEqual(defaultSettings());
    storage.setItem(SETTINGS_KEY, '[1, 2]');
    expect(loadSettings(storage)).toEqual(defaultSettings());
    storage.setItem(
      SETTINGS_KEY,
      JSON.stringify({
        uri: 42,
        register: 'yes',
        session_timers_refresh_method: 'OPTIONS',
        user_agent: 'UA',
        unknown: 1,
      }),
    );
    expect(loadSettings(storage)).toEqual({ ...defaultSettings(), user_agent: 'UA' });
    expect(loadSettings(undefined)).toEqual(defaultSettings());
  });

  it('does not fail when storage refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => saveSettings(refusing, settings)).not.toThrow();
    expect(loadSettings(refusing)).toEqual(defaultSettings());
  });
});
