import { describe, expect, it } from 'vitest';
import { DigestAuthenticator } from './digest-authenticator.js';
import type { DigestChallengeInput } from './digest-challenge.js';
import { DigestCredentials } from './digest-credentials.js';
import type { DigestRetryDecision } from './digest-retry.js';
import { decideDigestRetry } from './digest-retry.js';

const challenge = (
  nonce: string,
  extra: Record<string, string> = {},
  realm = 'example.com',
): DigestChallengeInput => ({
  scheme: 'Digest',
  params: { realm, nonce, qop: 'auth', ...extra },
});
const request = { method: 'REGISTER', uri: 'sip:example.com' };

/**
 * Test-only server: the challenge to send after each request, or null for success. Drives the
 * authenticator the way a registrator would and returns the decisions taken.
 */
async function run(
  server: (header: string | undefined, turn: number) => DigestChallengeInput | null,
  authenticator = new DigestAuthenticator(
    new DigestCredentials({ username: 'alice', password: 'pw' }),
  ),
  preemptive?: DigestChallengeInput,
): Promise<{ decisions: DigestRetryDecision[]; sent: number; succeeded: boolean }> {
  const decisions: DigestRetryDecision[] = [];
  let header =
    preemptive === undefined ? undefined : await authenticator.authorize(preemptive, request);
  let sent = 1;
  for (let turn = 0; turn < 20; turn++) {
    const next = server(header, turn);
    if (next === null) {
      authenticator.succeeded();
      return { decisions, sent, succeeded: true };
    }
    const decision = authenticator.shouldRetry(next);
    decisions.push(decision);
    if (!decision.retry) return { decisions, sent, succeeded: false };
    header = await authenticator.authorize(next, request);
    sent++;
  }
  throw new Error('looped');
}

describe('decideDigestRetry', () => {
  const previous = { realm: 'r', nonce: 'n1', nc: 1, answeredStale: false };
  const next = (
    nonce: string,
    stale = false,
  ): { realm: string; nonce: string; stale: boolean } => ({
    realm: 'r',
    nonce,
    stale,
  });

  it.each<[string, Parameters<typeof decideDigestRetry>[0], ReturnType<typeof next>, string]>([
    ['first challenge', undefined, next('n1'), 'challenged'],
    ['another realm', { ...previous, realm: 'other' }, next('n1'), 'challenged'],
    ['same nonce again', previous, next('n1'), 'rejected'],
    ['fresh nonce refused, new nonce offered', previous, next('n2'), 'rejected'],
    ['stale with a new nonce', previous, next('n2', true), 'stale'],
    ['stale with the same nonce', previous, next('n1', true), 'stale-again'],
    [
      'stale after a stale retry',
      { ...previous, answeredStale: true },
      next('n3', true),
      'stale-again',
    ],
    ['refused after a stale retry', { ...previous, answeredStale: true }, next('n3'), 'rejected'],
    ['reused nonce refused without stale', { ...previous, nc: 2 }, next('n2'), 'nonce-expired'],
    ['reused nonce refused, same nonce', { ...previous, nc: 2 }, next('n1'), 'rejected'],
  ])('%s → %s', (_, before, challenged, reason) => {
    expect(decideDigestRetry(before, challenged).reason).toBe(reason);
  });
});

describe('DigestAuthenticator retry flow', () => {
  it('wrong password: one retry, then gives up (the same nonce challenged again)', async () => {
    const result = await run(() => challenge('n1'));
    expect(result).toEqual({
      decisions: [
        { retry: true, reason: 'challenged' },
        { retry: false, reason: 'rejected' },
      ],
      sent: 2,
      succeeded: false,
    });
  });

  it('wrong password with a server that mints a new nonce on every 401: still gives up', async () => {
    const result = await run((_, turn) => challenge(`n${turn}`));
    expect(result.decisions.map((decision) => decision.reason)).toEqual(['challenged', 'rejected']);
    expect(result.sent).toBe(2);
  });

  it('stale=true: retries with the new nonce, not counted as a failure', async () => {
    const result = await run((_, turn) =>
      turn === 0 ? challenge('n1') : turn === 1 ? challenge('n2', { stale: 'TRUE' }) : null,
    );
    expect(result.decisions.map((decision) => decision.reason)).toEqual(['challenged', 'stale']);
    expect(result.succeeded).toBe(true);
  });

  it('stale forever: gives up after one stale retry', async () => {
    const result = await run((_, turn) =>
      turn === 0 ? challenge('n0') : challenge(`n${turn}`, { stale: 'true' }),
    );
    expect(result.decisions.map((decision) => decision.reason)).toEqual([
      'challenged',
      'stale',
      'stale-again',
    ]);
  });

  it('after a success, a new request is judged afresh', async () => {
    const authenticator = new DigestAuthenticator(
      new DigestCredentials({ username: 'alice', password: 'pw' }),
    );
    await run((_, turn) => (turn === 0 ? challenge('n1') : null), authenticator);
    const second = await run((_, turn) => (turn === 0 ? challenge('n2') : null), authenticator);
    expect(second.decisions).toEqual([{ retry: true, reason: 'challenged' }]);
    expect(second.succeeded).toBe(true);
  });

  it('a reused nonce the server dropped without stale gets one fresh try', async () => {
    const authenticator = new DigestAuthenticator(
      new DigestCredentials({ username: 'alice', password: 'pw' }),
    );
    await run((_, turn) => (turn === 0 ? challenge('n1') : null), authenticator);
    // Refresh: preemptively reuse n1 (nc=2); the server refuses it with a new nonce, no stale.
    const refresh = await run(
      (header, turn) =>
        turn === 0 ? challenge('n2') : header?.includes('"n2"') ? null : challenge('n3'),
      authenticator,
      challenge('n1'),
    );
    expect(refresh.decisions).toEqual([{ retry: true, reason: 'nonce-expired' }]);
    expect(refresh.succeeded).toBe(true);
  });

  it('a preemptive reuse of a stale challenge does not count as a stale retry', async () => {
    const authenticator = new DigestAuthenticator(
      new DigestCredentials({ username: 'alice', password: 'pw' }),
    );
    const staleChallenge = challenge('n2', { stale: 'true' });
    await run(
      (_, turn) => (turn === 0 ? challenge('n1') : turn === 1 ? staleChallenge : null),
      authenticator,
    );
    const refresh = await run(
      (_, turn) => (turn === 0 ? challenge('n3', { stale: 'true' }) : null),
      authenticator,
      staleChallenge,
    );
    expect(refresh.decisions).toEqual([{ retry: true, reason: 'stale' }]);
  });

  it('a registrar behind a proxy: 407 then 401 for another realm are both answered', async () => {
    const result = await run((_, turn) =>
      turn === 0
        ? challenge('p1', {}, 'proxy.example.net')
        : turn === 1
          ? challenge('r1', {}, 'example.com')
          : null,
    );
    expect(result.decisions.map((decision) => decision.reason)).toEqual([
      'challenged',
      'challenged',
    ]);
    expect(result.succeeded).toBe(true);
  });

  it('a server rotating realms is cut off', async () => {
    const result = await run((_, turn) => challenge('n', {}, `realm${turn}`));
    expect(result.decisions.at(-1)).toEqual({ retry: false, reason: 'too-many-realms' });
    expect(result.sent).toBe(5);
  });

  it('reset() forgets nonce counts too', async () => {
    const authenticator = new DigestAuthenticator(
      new DigestCredentials({ username: 'alice', password: 'pw' }),
    );
    await authenticator.authorize(challenge('n1'), request);
    authenticator.reset();
    expect(authenticator.shouldRetry(challenge('n1'))).toEqual({
      retry: true,
      reason: 'challenged',
    });
    expect(await authenticator.authorize(challenge('n1'), request)).toContain('nc=00000001');
  });
});
