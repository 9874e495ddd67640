import { buildPresence, Causes, publisher } from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RawPhone } from '../server/raw-phone.fixture.js';
import { createScenario } from './harness.fixture.js';

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Alice, and a scripted presence server registered as sip:pres@sip.test (RFC 3903 ESC). */
async function aliceAndStateServer() {
  const scenario = createScenario();
  const alice = scenario.addUA('alice');
  alice.ua.start();
  const server = new RawPhone(scenario.network, 'pres');
  server.socket.connect();
  await flush();
  server.send('REGISTER', 'sip:sip.test', [['Expires', '3600']], { to: '<sip:pres@sip.test>' });
  await vi.waitFor(() =>
    expect(alice.ua.isRegistered() && server.responses(200).length > 0).toBe(true),
  );
  /** Answers the last PUBLISH; 2xx carry an entity tag. */
  const answer = (status: number, headers: Array<[string, string]> = []) => {
    const request = server.requests('PUBLISH').at(-1)!;
    server.reply(request, status, 'esc', headers);
  };
  return { ...scenario, alice, server, answer };
}

const body = buildPresence({ entity: 'sip:alice@sip.test', open: true, activities: ['away'] });

describe('PUBLISH (RFC 3903)', () => {
  it('publishes, refreshes with SIP-If-Match and no body, modifies, and removes', async () => {
    const { alice, server, answer, stopAll } = await aliceAndStateServer();
    const presence = publisher(alice.ua, 'sip:pres@sip.test', 'presence', { expires: 600 });
    const published = presence.publish(body);
    await flush();
    const initial = server.requests('PUBLISH')[0]!;
    expect(initial.header('event')).toBe('presence');
    expect(initial.header('expires')).toBe('600');
    expect(initial.header('content-type')).toBe('application/pidf+xml');
    expect(initial.header('sip-if-match')).toBeUndefined();
    answer(200, [
      ['SIP-ETag', 'e1'],
      ['Expires', '600'],
    ]);
    await flush();
    await expect(published).resolves.toMatchObject({ ok: true });
    expect(presence.state).toBe('published');

    await vi.advanceTimersByTimeAsync((600 - 92) * 1000);
    const refresh = server.requests('PUBLISH')[1]!;
    expect(refresh.header('sip-if-match')).toBe('e1');
    expect(refresh.body).toBe('');
    expect(refresh.cseq.seq).toBe(initial.cseq.seq + 1);
    answer(200, [
      ['SIP-ETag', 'e2'],
      ['Expires', '600'],
    ]);
    await flush();
    expect(presence.etag).toBe('e2');

    const modified = presence.publish(body.replace('away', 'busy'));
    await flush();
    expect(server.requests('PUBLISH')[2]?.header('sip-if-match')).toBe('e2');
    expect(server.requests('PUBLISH')[2]?.body).toContain('busy');
    answer(200, [['SIP-ETag', 'e3']]);
    await flush();
    await modified;

    const removed = presence.unpublish();
    await flush();
    const removal = server.requests('PUBLISH')[3]!;
    expect([removal.header('expires'), removal.header('sip-if-match'), removal.body]).toEqual([
      '0',
      'e3',
      '',
    ]);
    answer(200, [['SIP-ETag', 'e3']]);
    await flush();
    await expect(removed).resolves.toMatchObject({ ok: true });
    expect(presence.state).toBe('unpublished');
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(server.requests('PUBLISH')).toHaveLength(4);
    await stopAll();
  });

  it('publishes the whole state again after 412, and retries with Min-Expires after 423', async () => {
    const { alice, server, answer, stopAll } = await aliceAndStateServer();
    const presence = publisher(alice.ua, 'sip:pres@sip.test', 'presence', { expires: 60 });
    void presence.publish(body);
    await flush();
    answer(423, [['Min-Expires', '300']]);
    await flush();
    expect(server.requests('PUBLISH')[1]?.header('expires')).toBe('300');
    expect(server.requests('PUBLISH')[1]?.body).toBe(body);
    answer(200, [['SIP-ETag', 'e1']]);
    await flush();
    void presence.publish(body);
    await flush();
    answer(412);
    await flush();
    const again = server.requests('PUBLISH')[3]!;
    expect(again.header('sip-if-match')).toBeUndefined();
    expect(again.body).toBe(body);
    answer(200, [['SIP-ETag', 'e9']]);
    await flush();
    expect(presence.etag).toBe('e9');
    // Nobody answers the removal on stop: stopTimeout (2 s) bounds the wait.
    const stopping = stopAll();
    await vi.advanceTimersByTimeAsync(2000);
    await stopping;
    expect(server.requests('PUBLISH').at(-1)?.header('expires')).toBe('0');
  });

  it('reports a refusal, and unpublishes on ua.stop()', async () => {
    const { alice, server, answer, stopAll } = await aliceAndStateServer();
    const refused = publisher(alice.ua, 'sip:pres@sip.test', 'x-nothing');
    const failed = vi.fn();
    refused.on('failed', failed);
    const result = refused.publish('x');
    await flush();
    answer(489);
    await flush();
    await expect(result).resolves.toMatchObject({ ok: false, cause: Causes.SIP_FAILURE_CODE });
    expect(failed).toHaveBeenCalledOnce();

    const presence = publisher(alice.ua, 'sip:pres@sip.test', 'presence');
    void presence.publish(body);
    await flush();
    answer(200, [['SIP-ETag', 'live']]);
    await flush();
    const stopping = alice.ua.stop();
    await flush();
    const removal = server.requests('PUBLISH').at(-1)!;
    expect([removal.header('expires'), removal.header('sip-if-match')]).toEqual(['0', 'live']);
    answer(200, [['SIP-ETag', 'live']]);
    await flush();
    await stopping;
    expect(presence.state).toBe('terminated');
    await stopAll();
  });
});
