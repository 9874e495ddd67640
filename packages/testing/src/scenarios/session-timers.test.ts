import {
  Causes,
  createResponse,
  DigestAuthenticator,
  DigestCredentials,
  serializeMessage,
} from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderFakeSdp } from '../media/fake-sdp.js';
import { matches } from '../network/fault-plan.js';
import { RawPhone } from '../server/raw-phone.fixture.js';
import { callScenario, establish, flush, WAIT } from './calls.fixture.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const SDP = renderFakeSdp(9, 1, [{ media: 'audio', direction: 'sendrecv', mid: '0' }]);

describe('session timers (RFC 4028) between two UAs', () => {
  it('negotiates 90 s with the caller refreshing by UPDATE every 45 s, through several cycles', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob']);
    const [outgoing, incoming] = await establish(uas.alice!, uas.bob!, 'bob');
    const invite = sent('INVITE')[0]!;
    expect(invite.header('session-expires')).toBe('90');
    expect(invite.header('min-se')).toBe('90');
    expect(invite.headers('supported').join(',')).toMatch(/timer/);
    await vi.advanceTimersByTimeAsync(44_000);
    expect(sent('UPDATE')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(sent('UPDATE')).toHaveLength(1);
    const update = sent('UPDATE')[0]!;
    expect(update.header('session-expires')).toBe('90;refresher=uac');
    expect(update.body).toBe('');
    await vi.advanceTimersByTimeAsync(4 * 45_000);
    expect(sent('UPDATE')).toHaveLength(5);
    expect(outgoing.status).toBe('confirmed');
    expect(incoming.status).toBe('confirmed');
    outgoing.terminate();
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refreshes with re-INVITE (same media) when configured, and survives hold', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob'], {
      session_timers_refresh_method: 'invite',
    });
    const [outgoing, incoming] = await establish(uas.alice!, uas.bob!, 'bob');
    await vi.advanceTimersByTimeAsync(20_000);
    await outgoing.hold();
    // The hold re-INVITE refreshed the session: the next refresh is 45 s after it.
    await vi.advanceTimersByTimeAsync(44_000);
    expect(sent('INVITE')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sent('INVITE')).toHaveLength(3);
    const refresh = sent('INVITE')[2]!;
    expect(refresh.header('session-expires')).toBe('90;refresher=uac');
    expect(refresh.body).toMatch(/a=sendonly/); // still on hold: same media
    expect(outgoing.isOnHold().local).toBe(true);
    expect(incoming.status).toBe('confirmed');
    outgoing.terminate();
    await stopAll();
  });

  it('the non-refresher hangs up with a Reason when refreshes stop arriving', async () => {
    const { uas, network, sent, stopAll } = await callScenario(['alice', 'bob']);
    const [outgoing, incoming] = await establish(uas.alice!, uas.bob!, 'bob');
    network.faults.drop(matches.request('UPDATE'));
    // Bob is not the refresher: he waits 90 - min(32, 90 / 3) = 60 s.
    await vi.advanceTimersByTimeAsync(59_000);
    expect(incoming.status).toBe('confirmed');
    await vi.advanceTimersByTimeAsync(1_100);
    expect(incoming.status).toBe('terminated');
    expect(incoming.cause).toBe(Causes.SESSION_TIMER_EXPIRED);
    const bye = sent('BYE')[0]!;
    expect(bye.header('reason')).toMatch(/Session Timer Expired/);
    await vi.waitFor(() => expect(outgoing.isEnded()).toBe(true), WAIT);
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('asks to be refresher with session_timers_force_refresher', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob'], {
      session_timers_force_refresher: true,
    });
    const [outgoing] = await establish(uas.alice!, uas.bob!, 'bob');
    expect(sent('INVITE')[0]!.header('session-expires')).toBe('90;refresher=uac');
    outgoing.terminate();
    await stopAll();
  });

  it('sends nothing about timers with session_timers: false, and runs no timer', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob'], { session_timers: false });
    const [outgoing] = await establish(uas.alice!, uas.bob!, 'bob');
    const invite = sent('INVITE')[0]!;
    expect(invite.header('session-expires')).toBeUndefined();
    expect(invite.header('min-se')).toBeUndefined();
    expect(invite.headers('supported').join(',')).not.toMatch(/timer/);
    await vi.advanceTimersByTimeAsync(200_000);
    expect(sent('UPDATE')).toHaveLength(0);
    expect(outgoing.status).toBe('confirmed');
    outgoing.terminate();
    await stopAll();
  });
});

describe('session timers against other implementations', () => {
  /** A raw phone registered as `user` (answering the registrar's digest challenge with `password`). */
  async function rawPhone(
    network: ConstructorParameters<typeof RawPhone>[0],
    user: string,
    password?: string,
  ) {
    const phone = new RawPhone(network, user);
    phone.socket.connect();
    await flush();
    const register = (extra: Array<[string, string]> = []) =>
      phone.send('REGISTER', 'sip:sip.test', [
        ['To', `<sip:${user}@sip.test>`],
        ['Expires', '600'],
        ...extra,
      ]);
    register();
    const first = await vi.waitFor(() => {
      const response = phone.responses()[0];
      expect(response).toBeDefined();
      return response!;
    }, WAIT);
    if (first.status === 401 && password !== undefined) {
      const authenticator = new DigestAuthenticator(
        new DigestCredentials({ username: user, password }),
      );
      const [challenge] = authenticator.select(first.parsed('www-authenticate') ?? []);
      const value = await authenticator.authorize(challenge!, {
        method: 'REGISTER',
        uri: 'sip:sip.test',
      });
      register([['Authorization', value]]);
      await vi.waitFor(() => expect(phone.responses(200)).toHaveLength(1), WAIT);
    }
    return phone;
  }

  it('answers 422 with our Min-SE to an interval that is too small', async () => {
    const { uas, network, stopAll } = await callScenario(['bob']);
    const phone = await rawPhone(network, 'old');
    phone.send(
      'INVITE',
      'sip:bob@sip.test',
      [
        ['Supported', 'timer'],
        ['Session-Expires', '30'],
        ['Content-Type', 'application/sdp'],
      ],
      { body: SDP },
    );
    const rejection = await vi.waitFor(() => {
      const response = phone.responses(422)[0];
      expect(response).toBeDefined();
      return response!;
    }, WAIT);
    expect(rejection.header('min-se')).toBe('90');
    expect(uas.bob!.sessions).toHaveLength(0);
    await stopAll();
  });

  it('retries the INVITE once with the Min-SE of a 422, never loops', async () => {
    const { uas, network, sent, stopAll } = await callScenario(['alice']);
    const phone = await rawPhone(network, 'pbx');
    const outgoing = uas.alice!.ua.call('pbx');
    const reject = (n: number, minSe: string) =>
      vi.waitFor(() => {
        const invite = phone.requests('INVITE')[n];
        expect(invite).toBeDefined();
        phone.reply(invite!, 422, `pbx-${n}`, [['Min-SE', minSe]]);
        return invite!;
      }, WAIT);
    await reject(0, '120');
    const second = await reject(1, '300');
    expect(second.header('min-se')).toBe('120');
    expect(second.header('session-expires')).toBe('120');
    expect(second.cseq.seq).toBe(sent('INVITE')[0]!.cseq.seq + 1);
    await vi.waitFor(() => expect(outgoing.isEnded()).toBe(true), WAIT);
    expect(sent('INVITE')).toHaveLength(2);
    await stopAll();
  });

  it('after 422 the INVITE carries fresh credentials (same nonce, next nc), never a replay', async () => {
    const { uas, network, sent, stopAll } = await callScenario(
      ['alice'],
      { password: 'pw' },
      { users: { alice: 'pw', pbx: 'pbx-pw' } },
    );
    const phone = await rawPhone(network, 'pbx', 'pbx-pw');
    const outgoing = uas.alice!.ua.call('pbx');
    const first = await vi.waitFor(() => {
      const invite = phone.requests('INVITE')[0];
      expect(invite).toBeDefined();
      return invite!;
    }, WAIT);
    phone.reply(first, 422, 'pbx-0', [['Min-SE', '120']]);
    await vi.waitFor(() => expect(phone.requests('INVITE')).toHaveLength(2), WAIT);
    const [authorized, corrected] = sent('INVITE').slice(-2);
    const before = authorized!.header('proxy-authorization')!;
    const after = corrected!.header('proxy-authorization')!;
    expect(before).toMatch(/nc=00000001/);
    expect(after).toMatch(/nc=00000002/);
    expect(after.match(/nonce="([^"]+)"/)?.[1]).toBe(before.match(/nonce="([^"]+)"/)?.[1]);
    expect(after.match(/response="([^"]+)"/)?.[1]).not.toBe(
      before.match(/response="([^"]+)"/)?.[1],
    );
    expect(corrected!.header('min-se')).toBe('120');
    outgoing.terminate();
    await stopAll();
  });

  it('honours a peer that requires timers even with session_timers: false', async () => {
    const { uas, network, sent, stopAll } = await callScenario(['alice'], {
      session_timers: false,
    });
    const phone = await rawPhone(network, 'pbx');
    const outgoing = uas.alice!.ua.call('pbx');
    const invite = await vi.waitFor(() => {
      const request = phone.requests('INVITE')[0];
      expect(request).toBeDefined();
      return request!;
    }, WAIT);
    phone.socket.send(
      serializeMessage(
        createResponse(invite, 200, undefined, {
          toTag: 'pbx-tag',
          recordRoute: true,
          headers: [
            ['Contact', phone.contact],
            ['Require', 'timer'],
            ['Session-Expires', '90;refresher=uac'],
            ['Content-Type', 'application/sdp'],
          ],
          body: SDP,
        }),
      ),
    );
    await vi.waitFor(() => expect(outgoing.status).toBe('confirmed'), WAIT);
    await vi.advanceTimersByTimeAsync(46_000);
    expect(sent('UPDATE')).toHaveLength(1);
    outgoing.terminate();
    await stopAll();
  });
});
