import { ConfigurationError, UserAgent, type UALogger } from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScenario } from './harness.fixture.js';

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const INSTANCE = /\+sip\.instance="<urn:uuid:([0-9a-f-]{36})>"/;

describe('REGISTER Contact (RFC 5626, RFC 5768)', () => {
  it('carries +sip.ice, reg-id=1 and one generated +sip.instance for the life of the UA', async () => {
    const { addUA, sent, stopAll } = createScenario();
    const alice = addUA('alice');
    alice.ua.start();
    await flush();
    alice.ua.register();
    await flush();
    const contacts = sent('REGISTER').map((r) => r.header('contact') ?? '');
    expect(contacts).toHaveLength(2);
    expect(contacts[0]).toMatch(/;\+sip\.ice;/);
    expect(contacts[0]).toMatch(/;reg-id=1;/);
    const instance = INSTANCE.exec(contacts[0]!)?.[1];
    expect(instance).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(INSTANCE.exec(contacts[1]!)?.[1]).toBe(instance);
    const other = addUA('bob');
    other.ua.start();
    await flush();
    expect(INSTANCE.exec(sent('REGISTER').at(-1)?.header('contact') ?? '')?.[1]).not.toBe(instance);
    await stopAll();
  });

  it('uses a configured instance_id; a UserAgent (no calls, no ICE) leaves +sip.ice out', async () => {
    const { network, sent, stopAll } = createScenario();
    const id = '8f1fa16a-1165-4a96-8341-785b1ef24f12';
    const agent = new UserAgent({
      uri: 'sip:kiosk@sip.test',
      sockets: network.createSocket('kiosk'),
      instance_id: id,
    });
    agent.start();
    await flush();
    const contact = sent('REGISTER')[0]?.header('contact') ?? '';
    expect(INSTANCE.exec(contact)?.[1]).toBe(id);
    expect(contact).not.toContain('+sip.ice');
    await agent.stop();
    await stopAll();
  });
});

describe('ua.registrator(): extra headers and Contact parameters', () => {
  it('applies them to the next REGISTERs, the un-REGISTER included', async () => {
    const { addUA, sent, stopAll } = createScenario();
    const alice = addUA('alice');
    const settings = alice.ua.registrator();
    settings.setExtraHeaders(['X-Push: yes']);
    settings.setExtraContactParams({
      'pn-provider': 'fcm',
      'pn-prid': 'token-1',
      'pn-flag': null,
    });
    alice.ua.start();
    await flush();
    expect(alice.ua.isRegistered()).toBe(true);
    const register = sent('REGISTER')[0]!;
    expect(register.header('x-push')).toBe('yes');
    expect(register.header('contact')).toMatch(
      /;expires=600;pn-provider=fcm;pn-prid=token-1;pn-flag$/,
    );
    settings.setExtraContactParams({ 'pn-prid': 'token-2' });
    alice.ua.unregister();
    await flush();
    const unregister = sent('REGISTER').at(-1)!;
    expect(unregister.header('contact')).toMatch(/;expires=0;pn-prid=token-2$/);
    expect(unregister.header('x-push')).toBe('yes');
    await stopAll();
  });

  it('refuses a Contact parameter that cannot be written, naming it', () => {
    const { addUA } = createScenario();
    const alice = addUA('alice');
    expect(() => alice.ua.registrator().setExtraContactParams({ 'bad name': 'x' })).toThrow(
      /bad name/,
    );
    expect(() => alice.ua.registrator().setExtraContactParams({ 'pn-param': 'a\r\nb' })).toThrow(
      /pn-param/,
    );
  });
});

describe('register_from_tag_trail', () => {
  it('appends a fixed trail to every REGISTER From tag, not to the un-REGISTER', async () => {
    const { addUA, sent, stopAll } = createScenario();
    const alice = addUA('alice', { register_from_tag_trail: '-web1' });
    alice.ua.start();
    await flush();
    expect(sent('REGISTER')[0]?.from.tag).toMatch(/^[a-z0-9]{10}-web1$/);
    alice.ua.unregister();
    await flush();
    expect(sent('REGISTER').at(-1)?.from.tag).not.toContain('-web1');
    await stopAll();
  });

  it('calls a function for each REGISTER; a non-token result is left out with a warning', async () => {
    const { addUA, sent, stopAll } = createScenario();
    const warnings: string[] = [];
    const logger: UALogger = {
      debug: () => undefined,
      warn: (m) => void warnings.push(m),
      error: () => undefined,
    };
    let next = '-a';
    const alice = addUA('alice', { register_from_tag_trail: () => next }, { logger });
    alice.ua.start();
    await flush();
    next = 'bad trail';
    alice.ua.register();
    await flush();
    const tags = sent('REGISTER').map((r) => r.from.tag ?? '');
    expect(tags[0]).toMatch(/-a$/);
    expect(tags[1]).toMatch(/^[a-z0-9]{10}$/);
    expect(warnings.some((w) => w.includes('register_from_tag_trail'))).toBe(true);
    await stopAll();
  });

  it('refuses a trail that is not token characters at construction', () => {
    const { addUA } = createScenario();
    expect(() => addUA('alice', { register_from_tag_trail: 'a;b' })).toThrow(ConfigurationError);
    expect(() => addUA('alice', { register_from_tag_trail: 5 as unknown as string })).toThrow(
      /register_from_tag_trail/,
    );
  });
});
