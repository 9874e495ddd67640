import { createHash } from 'node:crypto';
import { Causes, type UALogger } from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callScenario, establish, flush } from './calls.fixture.js';
import { createScenario } from './harness.fixture.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function recordingLogger(): UALogger & { readonly lines: string[] } {
  const lines: string[] = [];
  const log = (message: string): void => void lines.push(message);
  return { lines, debug: log, warn: log, error: log };
}

describe('ua.set() / ua.get()', () => {
  it('a new password is used by the next REGISTER; it never shows in logs or get()', async () => {
    const { addUA, stopAll } = createScenario({ users: { alice: 'secret' } });
    const logger = recordingLogger();
    const alice = addUA('alice', { password: 'wrong' }, { logger });
    alice.ua.start();
    await flush();
    expect(alice.events).toContain(`registrationFailed:${Causes.AUTHENTICATION_ERROR}`);
    expect(alice.ua.set('password', 'secret')).toBe(true);
    alice.ua.register();
    await flush();
    expect(alice.events.at(-1)).toBe('registered');
    expect((alice.ua.get as (name: string) => unknown)('password')).toBeUndefined();
    expect(alice.ua.configuration.password).toBe('[redacted]');
    expect(logger.lines.join('\n')).not.toContain('secret');
    await stopAll();
  });

  it('ha1 replaces the password; realm and ha1 read back', async () => {
    const { addUA, stopAll } = createScenario({ users: { alice: 'secret' } });
    const alice = addUA('alice', { password: 'wrong' });
    const ha1 = createHash('md5').update('alice:sip.test:secret').digest('hex');
    expect(alice.ua.set('realm', 'sip.test')).toBe(true);
    expect(alice.ua.set('ha1', ha1)).toBe(true);
    expect(alice.ua.get('ha1')).toBe(ha1);
    expect(alice.ua.get('realm')).toBe('sip.test');
    alice.ua.start();
    await flush();
    expect(alice.events).toContain('registered');
    await stopAll();
  });

  it('a new password replaces an ha1, which would otherwise keep answering', async () => {
    const { addUA, stopAll } = createScenario({ users: { alice: 'new-secret' } });
    const stale = createHash('md5').update('alice:sip.test:old-secret').digest('hex');
    const alice = addUA('alice', { realm: 'sip.test', ha1: stale });
    expect(alice.ua.set('password', 'new-secret')).toBe(true);
    expect(alice.ua.get('ha1')).toBeNull();
    alice.ua.start();
    await flush();
    expect(alice.events).toContain('registered');
    await stopAll();
  });

  it('display_name changes the next REGISTER From', async () => {
    const { addUA, sent, stopAll } = createScenario();
    const alice = addUA('alice', { display_name: 'Alice' });
    alice.ua.start();
    await flush();
    expect(alice.ua.set('display_name', 'Alice Liddell')).toBe(true);
    expect(alice.ua.get('display_name')).toBe('Alice Liddell');
    alice.ua.register();
    await flush();
    expect(sent('REGISTER').at(-1)?.header('from')).toMatch(
      /^"Alice Liddell" <sip:alice@sip\.test>/,
    );
    await stopAll();
  });

  it('refuses other parameters and bad values with false and a warning naming the parameter', () => {
    const { addUA } = createScenario();
    const logger = recordingLogger();
    const alice = addUA('alice', { password: 'p' }, { logger });
    const set = alice.ua.set.bind(alice.ua) as (name: string, value: unknown) => boolean;
    expect(set('uri', 'sip:bob@sip.test')).toBe(false);
    expect(set('ha1', 'not-hex')).toBe(false); // no realm, and not a hash
    expect(set('display_name', 'bad\r\nname')).toBe(false);
    expect(alice.ua.get('uri')).toBe('sip:alice@sip.test');
    expect(logger.lines.some((line) => line.includes('"uri"'))).toBe(true);
    expect(logger.lines.some((line) => line.includes('"ha1"'))).toBe(true);
    expect(logger.lines.join('\n')).not.toContain('not-hex');
  });

  it('authorization_jwt: replaced in place once started, only before start() when none was given', async () => {
    const { addUA, sent, stopAll } = createScenario();
    const withToken = addUA('alice', { authorization_jwt: 'first' });
    withToken.ua.start();
    await flush();
    expect(withToken.ua.set('authorization_jwt', 'second')).toBe(true);
    withToken.ua.register();
    await flush();
    expect(sent('REGISTER').at(-1)?.header('authorization')).toBe('Bearer second');
    const without = addUA('bob');
    expect(without.ua.set('authorization_jwt', 'early')).toBe(true);
    without.ua.start();
    await flush();
    expect(sent('REGISTER').at(-1)?.header('authorization')).toBe('Bearer early');
    const late = addUA('carol');
    late.ua.start();
    await flush();
    expect(late.ua.set('authorization_jwt', 'late')).toBe(false);
    await stopAll();
  });
});

describe('ua.terminateSessions()', () => {
  it('ends every call, answered or ringing', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob', 'carol']);
    const [first] = await establish(uas.alice!, uas.bob!, 'bob');
    const second = uas.alice!.ua.call('carol');
    await vi.waitFor(() => expect(second.status).toBe('ringing'));
    uas.alice!.ua.terminateSessions();
    expect(first.cause).toBe(Causes.BYE);
    expect(second.cause).toBe(Causes.CANCELED);
    expect(uas.alice!.ua.sessions).toHaveLength(0);
    await vi.waitFor(() => expect(uas.bob!.last().isEnded()).toBe(true));
    await stopAll();
  });
});

describe('call options and isReadyToReOffer()', () => {
  it('fromUserName and fromDisplayName set the INVITE From; sessionTimersExpires its interval', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob']);
    const outgoing = uas.alice!.ua.call('bob', {
      fromUserName: 'sales',
      fromDisplayName: 'Sales Desk',
      sessionTimersExpires: 300,
    });
    await vi.waitFor(() => expect(uas.bob!.sessions).toHaveLength(1));
    const invite = sent('INVITE')[0]!;
    expect(invite.header('from')).toMatch(/^"Sales Desk" <sip:sales@sip\.test>;tag=/);
    expect(invite.header('session-expires')).toMatch(/^300\b/);
    expect(outgoing.localIdentity).toEqual({
      displayName: 'Sales Desk',
      uri: 'sip:sales@sip.test',
    });
    expect(uas.bob!.last().remoteIdentity.displayName).toBe('Sales Desk');
    await stopAll();
  });

  it('refuses a session interval below 90 s and a non-string fromUserName, naming the option', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob']);
    expect(() => uas.alice!.ua.call('bob', { sessionTimersExpires: 60 })).toThrow(
      /sessionTimersExpires.*at least 90/,
    );
    expect(() => uas.alice!.ua.call('bob', { fromUserName: 7 as unknown as string })).toThrow(
      /fromUserName/,
    );
    await flush();
    expect(sent('INVITE')).toHaveLength(0);
    await stopAll();
  });

  it('isReadyToReOffer is true only while confirmed with no offer in progress', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob']);
    const outgoing = uas.alice!.ua.call('bob');
    expect(outgoing.isReadyToReOffer()).toBe(false);
    await vi.waitFor(() => expect(uas.bob!.sessions).toHaveLength(1));
    uas.bob!.last().answer();
    await vi.waitFor(() => expect(outgoing.status).toBe('confirmed'));
    expect(outgoing.isReadyToReOffer()).toBe(true);
    const holding = outgoing.hold();
    expect(outgoing.isReadyToReOffer()).toBe(false);
    await holding;
    expect(outgoing.isReadyToReOffer()).toBe(true);
    outgoing.terminate();
    expect(outgoing.isReadyToReOffer()).toBe(false);
    await stopAll();
  });
});
