import { ConfigurationError, WebSocketInterface } from '@sipkit/core';
import { describe, expect, it } from 'vitest';
import { fieldOf } from './field-of-parameter.js';
import { defaultSettings, type DialerSettings } from './settings.js';
import { settingsToSetup, sipUri } from './settings-to-setup.js';

const base: DialerSettings = { ...defaultSettings(), uri: 'alice' };

/** The ConfigurationError `settings` give, as the form would see it. */
function failure(settings: Partial<DialerSettings>): {
  parameter: string;
  field: string | undefined;
  message: string;
} {
  try {
    settingsToSetup({ ...base, ...settings });
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return { parameter: error.parameter, field: fieldOf(error.parameter), message: error.message };
  }
  throw new Error('expected a ConfigurationError');
}

describe('settingsToSetup', () => {
  it('defaults to the dev server with only a name typed, leaving every default to the UA', () => {
    const { config, pcConfig } = settingsToSetup(base);
    expect(config.sockets).toBeInstanceOf(WebSocketInterface);
    expect((config.sockets as WebSocketInterface).url).toBe('ws://127.0.0.1:5062');
    expect({ ...config, sockets: undefined }).toEqual({
      uri: 'sip:alice@127.0.0.1',
      sockets: undefined,
      register: true,
      session_timers: true,
      session_timers_refresh_method: 'UPDATE',
      session_timers_force_refresher: false,
      use_preloaded_route: false,
    });
    expect(pcConfig).toEqual({ iceServers: [] });
  });

  it('maps every parameter of the form to the UA configuration of the same name', () => {
    const settings: DialerSettings = {
      server: ' wss://sip.example.com:7443 ',
      uri: 'sip:alice@example.com',
      password: ' secret ',
      display_name: ' Alice ¶€ ',
      authorization_user: 'alice123',
      realm: 'example.com',
      ha1: '270fe19ce3890bd85e105998b0a75cf0',
      authorization_jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln',
      registrar_server: 'sip:registrar.example.com',
      register: false,
      register_expires: '300',
      session_timers: false,
      session_timers_refresh_method: 'INVITE',
      session_timers_force_refresher: true,
      no_answer_timeout: '120',
      connection_recovery_min_interval: '4',
      connection_recovery_max_interval: '60',
      contact_uri: 'sip:alice@192.0.2.10;transport=ws',
      instance_id: '8f1fa16a-1165-4a96-8341-785b1ef24f12',
      use_preloaded_route: true,
      user_agent: 'My Phone 1.0',
      extra_headers: 'X-Foo: ABC\n\n  X-Bar: XYZ  \n',
      ice_servers: 'stun:stun.example.org\nturn:turn.example.org',
      remember_password: true,
    };
    const { config, pcConfig } = settingsToSetup(settings);
    expect((config.sockets as WebSocketInterface).url).toBe('wss://sip.example.com:7443');
    expect({ ...config, sockets: undefined }).toEqual({
      uri: 'sip:alice@example.com',
      sockets: undefined,
      // The password is taken as typed: spaces may be part of it.
      password: ' secret ',
      display_name: 'Alice ¶€',
      authorization_user: 'alice123',
      realm: 'example.com',
      ha1: '270fe19ce3890bd85e105998b0a75cf0',
      authorization_jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln',
      registrar_server: 'sip:registrar.example.com',
      register: false,
      register_expires: 300,
      session_timers: false,
      session_timers_refresh_method: 'INVITE',
      session_timers_force_refresher: true,
      no_answer_timeout: 120,
      connection_recovery_min_interval: 4,
      connection_recovery_max_interval: 60,
      contact_uri: 'sip:alice@192.0.2.10;transport=ws',
      instance_id: '8f1fa16a-1165-4a96-8341-785b1ef24f12',
      use_preloaded_route: true,
      user_agent: 'My Phone 1.0',
      extra_headers: ['X-Foo: ABC', 'X-Bar: XYZ'],
    });
    expect(pcConfig).toEqual({
      iceServers: [{ urls: 'stun:stun.example.org' }, { urls: 'turn:turn.example.org' }],
    });
  });

  it('takes ICE servers as JSON, a single server or an array', () => {
    const turn = { urls: ['turn:turn.example.org'], username: 'u', credential: 'c' };
    expect(settingsToSetup({ ...base, ice_servers: JSON.stringify([turn]) }).pcConfig).toEqual({
      iceServers: [turn],
    });
    expect(settingsToSetup({ ...base, ice_servers: JSON.stringify(turn) }).pcConfig).toEqual({
      iceServers: [turn],
    });
  });

  it('names the field at fault, with the message the UA would give', () => {
    expect(failure({ server: 'http://sip.example.com' })).toMatchObject({
      parameter: 'sockets',
      field: 'server',
    });
    expect(failure({ server: ' ' })).toMatchObject({
      field: 'server',
      message: expect.stringContaining('required'),
    });
    expect(failure({ uri: '' })).toMatchObject({ field: 'uri' });
    expect(failure({ uri: 'sip:' })).toMatchObject({ field: 'uri' });
    expect(failure({ register_expires: '0' })).toMatchObject({
      field: 'register_expires',
      message: expect.stringContaining('at least 1'),
    });
    expect(failure({ no_answer_timeout: 'soon' })).toMatchObject({ field: 'no_answer_timeout' });
    expect(failure({ connection_recovery_min_interval: '40' })).toMatchObject({
      field: 'connection_recovery_min_interval',
    });
    expect(failure({ ha1: '270fe19ce3890bd85e105998b0a75cf0' })).toMatchObject({
      field: 'ha1',
      message: expect.stringContaining('realm'),
    });
    expect(failure({ authorization_jwt: 'not a token' })).toMatchObject({
      field: 'authorization_jwt',
    });
    expect(failure({ registrar_server: 'registrar' })).toMatchObject({ field: 'registrar_server' });
    expect(failure({ contact_uri: 'nope' })).toMatchObject({ field: 'contact_uri' });
    expect(failure({ instance_id: 'not-a-uuid' })).toMatchObject({ field: 'instance_id' });
    expect(failure({ extra_headers: 'X-Good: 1\nno colon here' })).toMatchObject({
      parameter: 'extra_headers[1]',
      field: 'extra_headers',
    });
    expect(failure({ ice_servers: 'http://stun.example.org' })).toMatchObject({
      field: 'ice_servers',
    });
    expect(failure({ ice_servers: '[{"url": "stun:x"}]' })).toMatchObject({ field: 'ice_servers' });
    expect(failure({ ice_servers: '[oops' })).toMatchObject({ field: 'ice_servers' });
  });

  it('never puts a secret into an error message', () => {
    const { message } = failure({ password: 'hunter2\r\nX: y' });
    expect(message).not.toContain('hunter2');
  });
});

describe('sipUri', () => {
  it('expands a name at the WebSocket server host and keeps full URIs', () => {
    expect(sipUri(' bob ', 'ws://127.0.0.1:5062')).toBe('sip:bob@127.0.0.1');
    expect(sipUri('bob', 'wss://[::1]:8089/ws')).toBe('sip:bob@[::1]');
    expect(sipUri('bob@example.com', 'ws://127.0.0.1:5062')).toBe('sip:bob@example.com');
    expect(sipUri('SIPS:bob@example.com', 'ws://127.0.0.1:5062')).toBe('SIPS:bob@example.com');
    expect(sipUri('bob', 'not a url')).toBe('bob');
  });
});

describe('fieldOf', () => {
  it('maps UA parameters to fields, and nothing else', () => {
    expect(fieldOf('sockets')).toBe('server');
    expect(fieldOf('register_expires')).toBe('register_expires');
    expect(fieldOf('extra_headers[12]')).toBe('extra_headers');
    expect(fieldOf('configuration')).toBeUndefined();
    expect(fieldOf(undefined)).toBeUndefined();
  });
});
