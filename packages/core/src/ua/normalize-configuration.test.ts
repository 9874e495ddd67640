import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { WebSocketInterface, type Socket } from '../transport/index.js';
import { ConfigurationError } from './configuration-error.js';
import { normalizeConfiguration } from './normalize-configuration.js';

function fakeSocket(url = 'wss://sip.example.com'): Socket {
  return {
    via_transport: 'WSS',
    url,
    sip_uri: 'sip:sip.example.com;transport=ws',
    connect: () => undefined,
    disconnect: () => undefined,
    send: () => true,
    isConnected: () => false,
    isConnecting: () => false,
    onconnect: () => undefined,
    ondisconnect: () => undefined,
    ondata: () => undefined,
  };
}

const base = { uri: 'sip:alice@example.com', sockets: fakeSocket() };

function rejection(config: Record<string, unknown>): ConfigurationError {
  try {
    normalizeConfiguration(config);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('configuration was accepted');
}

describe('normalizeConfiguration: defaults', () => {
  it('fills in every default JsSIP documents', () => {
    const { configuration: c } = normalizeConfiguration(base);
    expect(c).toMatchObject({
      uri: 'sip:alice@example.com',
      authorization_jwt: null,
      authorization_user: 'alice',
      connection_recovery_max_interval: 30,
      connection_recovery_min_interval: 2,
      contact_uri: null,
      display_name: null,
      extra_headers: [],
      instance_id: null,
      no_answer_timeout: 60,
      session_timers: true,
      session_timers_refresh_method: 'UPDATE',
      session_timers_force_refresher: false,
      password: null,
      realm: null,
      ha1: null,
      register: true,
      register_expires: 600,
      registrar_server: 'sip:example.com',
      use_preloaded_route: false,
    });
    expect(c.user_agent).toMatch(/^SipKit \d+\.\d+\.\d+/);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('keeps the port of the uri in the derived registrar', () => {
    const { configuration } = normalizeConfiguration({ ...base, uri: 'sip:bob@10.0.0.1:5070' });
    expect(configuration.registrar_server).toBe('sip:10.0.0.1:5070');
  });

  it('accepts explicit values', () => {
    const { configuration: c } = normalizeConfiguration({
      ...base,
      authorization_user: 'alice123',
      connection_recovery_min_interval: 4,
      connection_recovery_max_interval: 60,
      contact_uri: 'sip:alice@abc.invalid;transport=ws',
      display_name: 'Alice ¶€ĸøĸø',
      extra_headers: ['Foo: ABC', 'Bar:XYZ'],
      no_answer_timeout: 120,
      session_timers: false,
      session_timers_refresh_method: 'invite',
      session_timers_force_refresher: true,
      register: false,
      register_expires: 300,
      registrar_server: 'sip:registrar.mydomain.com',
      use_preloaded_route: true,
      user_agent: 'MyPhone 1.0',
    });
    expect(c).toMatchObject({
      authorization_user: 'alice123',
      connection_recovery_min_interval: 4,
      connection_recovery_max_interval: 60,
      contact_uri: 'sip:alice@abc.invalid;transport=ws',
      display_name: 'Alice ¶€ĸøĸø',
      extra_headers: ['Foo: ABC', 'Bar:XYZ'],
      no_answer_timeout: 120,
      session_timers: false,
      session_timers_refresh_method: 'INVITE',
      session_timers_force_refresher: true,
      register: false,
      register_expires: 300,
      registrar_server: 'sip:registrar.mydomain.com',
      use_preloaded_route: true,
      user_agent: 'MyPhone 1.0',
    });
  });

  it('treats null as "not given", as JsSIP does', () => {
    const { configuration } = normalizeConfiguration({
      ...base,
      display_name: null,
      register_expires: undefined,
    });
    expect(configuration.display_name).toBeNull();
    expect(configuration.register_expires).toBe(600);
  });

  it('accepts instance_id with or without the uuid: prefix', () => {
    const id = '8f1fa16a-1165-4a96-8341-785b1ef24f12';
    expect(
      normalizeConfiguration({ ...base, instance_id: `uuid:${id}` }).configuration.instance_id,
    ).toBe(id);
    expect(
      normalizeConfiguration({ ...base, instance_id: id.toUpperCase() }).configuration.instance_id,
    ).toBe(id);
  });

  it('accepts all three sockets forms and orders weights', () => {
    const a = fakeSocket('wss://a.example.com');
    const b = fakeSocket('wss://b.example.com');
    expect(normalizeConfiguration({ ...base, sockets: a }).configuration.sockets).toEqual([
      { socket: a, weight: 0 },
    ]);
    expect(normalizeConfiguration({ ...base, sockets: [a, b] }).configuration.sockets).toHaveLength(
      2,
    );
    const weighted = normalizeConfiguration({
      ...base,
      sockets: [
        { socket: b, weight: 1 },
        { socket: a, weight: 10 },
      ],
    }).configuration.sockets;
    expect(weighted.map((s) => s.weight).sort()).toEqual([1, 10]);
  });
});

describe('normalizeConfiguration: secrets', () => {
  const secrets = {
    password: 'superpassword-1234',
    ha1: '270fe19ce3890bd85e105998b0a75cf0',
    realm: 'example.com',
    authorization_jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
  };

  it('never exposes password, ha1 or JWT in the public configuration', () => {
    const { configuration, secrets: kept } = normalizeConfiguration({ ...base, ...secrets });
    const shown =
      JSON.stringify({ ...configuration, sockets: [] }) + inspect(configuration, { depth: 1 });
    for (const value of [secrets.password, secrets.ha1, secrets.authorization_jwt]) {
      expect(shown).not.toContain(value);
    }
    expect(configuration.password).toBe('[redacted]');
    expect(configuration.ha1).toBe('[redacted]');
    expect(configuration.authorization_jwt).toBe('[redacted]');
    expect(kept).toEqual({
      password: secrets.password,
      ha1: secrets.ha1,
      authorization_jwt: secrets.authorization_jwt,
    });
  });

  it('keeps secret values out of error messages', () => {
    const error = rejection({ ...base, password: 'hunter2\r\nX: y' });
    expect(error.parameter).toBe('password');
    expect(error.message).not.toContain('hunter2');
  });
});

describe('normalizeConfiguration: rejections', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['missing uri', { sockets: fakeSocket() }, 'uri'],
    ['missing sockets', { uri: 'sip:alice@example.com' }, 'sockets'],
    ['uri that does not parse', { ...base, uri: 'alice at example' }, 'uri'],
    ['uri that is not SIP', { ...base, uri: 'http://example.com' }, 'uri'],
    ['uri of the wrong type', { ...base, uri: 42 }, 'uri'],
    ['empty sockets array', { ...base, sockets: [] }, 'sockets'],
    ['socket that is not a socket', { ...base, sockets: [{ url: 'x' }] }, 'sockets'],
    [
      'WebSocketInterface with an http: URL',
      { ...base, sockets: new WebSocketInterface('http://sip.example.com') },
      'sockets',
    ],
    [
      'WebSocketInterface with no scheme',
      { ...base, sockets: [new WebSocketInterface('sip.example.com')] },
      'sockets',
    ],
    ['ha1 without realm', { ...base, ha1: '270fe19ce3890bd85e105998b0a75cf0' }, 'ha1'],
    ['ha1 that is not hex', { ...base, realm: 'r', ha1: 'not-a-hash' }, 'ha1'],
    ['non-integer register_expires', { ...base, register_expires: 1.5 }, 'register_expires'],
    ['negative register_expires', { ...base, register_expires: -1 }, 'register_expires'],
    ['string no_answer_timeout', { ...base, no_answer_timeout: '60' }, 'no_answer_timeout'],
    [
      'NaN recovery interval',
      { ...base, connection_recovery_max_interval: NaN },
      'connection_recovery_max_interval',
    ],
    [
      'min > max recovery intervals',
      { ...base, connection_recovery_min_interval: 40, connection_recovery_max_interval: 30 },
      'connection_recovery_min_interval',
    ],
    [
      'registrar_server with a user part',
      { ...base, registrar_server: 'sip:bob@registrar.example.com' },
      'registrar_server',
    ],
    [
      'registrar_server that does not parse',
      { ...base, registrar_server: 'registrar' },
      'registrar_server',
    ],
    ['contact_uri that does not parse', { ...base, contact_uri: '<nope>' }, 'contact_uri'],
    ['extra_headers that is not an array', { ...base, extra_headers: 'Foo: ABC' }, 'extra_headers'],
    [
      'extra_headers entry without a colon',
      { ...base, extra_headers: ['Foo ABC'] },
      'extra_headers[0]',
    ],
    [
      'extra_headers entry with CR/LF',
      { ...base, extra_headers: ['Foo: a', 'Bar: b\r\nInjected: x'] },
      'extra_headers[1]',
    ],
    [
      'extra_headers entry with a bad name',
      { ...base, extra_headers: ['Fo o: a'] },
      'extra_headers[0]',
    ],
    ['instance_id that is not a UUID', { ...base, instance_id: 'uuid:1234' }, 'instance_id'],
    [
      'refresh method that is neither',
      { ...base, session_timers_refresh_method: 'OPTIONS' },
      'session_timers_refresh_method',
    ],
    ['boolean given as string', { ...base, register: 'true' }, 'register'],
    ['display_name with LF', { ...base, display_name: 'Alice\nX' }, 'display_name'],
    ['user_agent that is empty', { ...base, user_agent: '' }, 'user_agent'],
    ['unknown key', { ...base, registrar: 'sip:example.com' }, 'registrar'],
    ['JWT with spaces', { ...base, authorization_jwt: 'not a token' }, 'authorization_jwt'],
    [
      'uri without user and no authorization_user',
      { ...base, uri: 'sip:example.com' },
      'authorization_user',
    ],
  ];

  it.each(cases)('rejects %s', (_label, config, parameter) => {
    const error = rejection(config);
    expect(error.name).toBe('ConfigurationError');
    expect(error.parameter).toBe(parameter);
    expect(error.message).toContain(parameter);
  });

  it('rejects a configuration that is not an object', () => {
    expect(() => normalizeConfiguration(null)).toThrow(ConfigurationError);
    expect(() => normalizeConfiguration('sip:alice@example.com')).toThrow(ConfigurationError);
  });
});
