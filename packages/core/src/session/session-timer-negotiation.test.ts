import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseMessage,
  parseSessionExpires,
  type IncomingRequest,
  type IncomingResponse,
} from '../message/index.js';
import {
  agreementFromResponse,
  answerToRequest,
  DEFAULT_SESSION_EXPIRES,
  expiryDelay,
  initialRequestHeaders,
  initialRequestState,
  MIN_SESSION_EXPIRES,
  readPeerAllow,
  refreshDelay,
  refreshMethod,
  refreshRequestHeaders,
  retryAfter422,
  type SessionTimerSettings,
} from './session-timer-negotiation.js';

const settings: SessionTimerSettings = {
  enabled: true,
  forceRefresher: false,
  refreshMethod: 'UPDATE',
  sessionExpires: DEFAULT_SESSION_EXPIRES,
  minSe: MIN_SESSION_EXPIRES,
};
const disabled: SessionTimerSettings = { ...settings, enabled: false };

const dialogHeaders = (method: string): string[] => [
  'Via: SIP/2.0/WSS client.invalid;branch=z9hG4bKst1',
  'From: <sip:alice@example.com>;tag=a1',
  'To: <sip:bob@example.com>',
  'Call-ID: st-1',
  `CSeq: 1 ${method}`,
];

/** A request from the peer (we are its UAS) with extra header lines. */
function request(method: string, ...extra: string[]): IncomingRequest {
  const text = [
    `${method} sip:bob@example.com SIP/2.0`,
    ...dialogHeaders(method),
    'Max-Forwards: 70',
    'Contact: <sip:alice@client.invalid;transport=ws>',
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  const message = parseMessage(text);
  if (message.kind !== 'request') throw new Error('not a request');
  return message;
}

/** A response to our `method` (we are its UAC) with extra header lines. */
function response(status: number, method: string, ...extra: string[]): IncomingResponse {
  const text = [
    `SIP/2.0 ${status} Whatever`,
    ...dialogHeaders(method).map((line) => (line.startsWith('To:') ? `${line};tag=b1` : line)),
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  const message = parseMessage(text);
  if (message.kind !== 'response') throw new Error('not a response');
  return message;
}

describe('initialRequestHeaders (RFC 4028 §7.1)', () => {
  it('asks for our interval and states our Min-SE, letting the UAS pick the refresher', () => {
    expect(initialRequestHeaders(settings)).toEqual([
      ['Session-Expires', '90'],
      ['Min-SE', '90'],
    ]);
    expect(initialRequestHeaders({ ...settings, sessionExpires: 1800 })).toEqual([
      ['Session-Expires', '1800'],
      ['Min-SE', '90'],
    ]);
  });

  it('asks to refresh itself when forceRefresher is set', () => {
    expect(initialRequestHeaders({ ...settings, forceRefresher: true })).toEqual([
      ['Session-Expires', '90;refresher=uac'],
      ['Min-SE', '90'],
    ]);
  });

  it('sends nothing when disabled', () => {
    expect(initialRequestHeaders(disabled)).toEqual([]);
    expect(initialRequestHeaders(disabled, { minSe: 300, sessionExpires: 300 })).toEqual([]);
  });

  it('uses the values of a 422 retry, and never goes below 90 s or below Min-SE', () => {
    expect(initialRequestHeaders(settings, { minSe: 300, sessionExpires: 300 })).toEqual([
      ['Session-Expires', '300'],
      ['Min-SE', '300'],
    ]);
    expect(initialRequestHeaders(settings, { minSe: 120 })).toEqual([
      ['Session-Expires', '120'],
      ['Min-SE', '120'],
    ]);
    expect(initialRequestHeaders({ ...settings, minSe: 30, sessionExpires: 10 })).toEqual([
      ['Session-Expires', '90'],
      ['Min-SE', '90'],
    ]);
    expect(initialRequestState({ ...settings, minSe: Number.NaN, sessionExpires: 1800.2 })).toEqual(
      { minSe: 90, sessionExpires: 1801 },
    );
  });
});

describe('retryAfter422 (RFC 4028 §7.3)', () => {
  const sent = { minSe: 90, sessionExpires: 90 };

  it("retries with the 422's Min-SE and Session-Expires raised to it", () => {
    expect(retryAfter422(response(422, 'INVITE', 'Min-SE: 300'), settings, sent)).toEqual({
      minSe: 300,
      sessionExpires: 300,
    });
    const retried = retryAfter422(response(422, 'INVITE', 'Min-SE: 300'), settings);
    expect(initialRequestHeaders(settings, retried)).toEqual([
      ['Session-Expires', '300'],
      ['Min-SE', '300'],
    ]);
  });

  it('gives up when the 422 has no usable Min-SE', () => {
    expect(retryAfter422(response(422, 'INVITE'), settings, sent)).toBeUndefined();
    expect(retryAfter422(response(422, 'INVITE', 'Min-SE: soon'), settings, sent)).toBeUndefined();
    expect(
      retryAfter422(response(422, 'INVITE', 'Min-SE: 300', 'Min-SE: 400'), settings, sent),
    ).toBeUndefined();
  });

  it('gives up when the 422 asks for no more than we sent, so it can never loop', () => {
    expect(retryAfter422(response(422, 'INVITE', 'Min-SE: 90'), settings, sent)).toBeUndefined();
    expect(
      retryAfter422(response(422, 'INVITE', 'Min-SE: 300'), settings, {
        minSe: 300,
        sessionExpires: 300,
      }),
    ).toBeUndefined();
    expect(
      retryAfter422(response(422, 'INVITE', 'Min-SE: 120'), settings, {
        minSe: 90,
        sessionExpires: 1800,
      }),
    ).toBeUndefined();
  });

  it('ignores anything but a 422', () => {
    expect(retryAfter422(response(423, 'INVITE', 'Min-SE: 300'), settings, sent)).toBeUndefined();
    expect(retryAfter422(response(200, 'INVITE', 'Min-SE: 300'), settings, sent)).toBeUndefined();
  });

  it('works for a refresh UPDATE too', () => {
    expect(retryAfter422(response(422, 'UPDATE', 'Min-SE: 600'), settings, sent)).toEqual({
      minSe: 600,
      sessionExpires: 600,
    });
  });
});

describe('agreementFromResponse (RFC 4028 §7.2)', () => {
  it('takes the interval and refresher of the 2xx, seen from us as its UAC', () => {
    const ok = (value: string): IncomingResponse =>
      response(200, 'INVITE', 'Require: timer', `Session-Expires: ${value}`);
    expect(agreementFromResponse(ok('1800;refresher=uac'), settings, true)).toEqual({
      interval: 1800,
      refresher: 'local',
      minSe: 90,
    });
    expect(agreementFromResponse(ok('1800;refresher=uas'), settings, true)).toEqual({
      interval: 1800,
      refresher: 'remote',
      minSe: 90,
    });
    expect(agreementFromResponse(ok('600 ; REFRESHER=UAS'), settings, true)?.refresher).toBe(
      'remote',
    );
  });

  it('makes us the refresher when the 2xx omits the refresher parameter', () => {
    expect(
      agreementFromResponse(response(200, 'INVITE', 'Session-Expires: 900'), settings, true),
    ).toEqual({ interval: 900, refresher: 'local', minSe: 90 });
    expect(
      agreementFromResponse(
        response(200, 'INVITE', 'Session-Expires: 900;refresher=proxy'),
        settings,
        true,
      )?.refresher,
    ).toBe('local');
  });

  it('sets no timer when the 2xx has no Session-Expires, whether or not we asked for one', () => {
    expect(agreementFromResponse(response(200, 'INVITE'), settings, true)).toBeUndefined();
    expect(agreementFromResponse(response(200, 'INVITE'), settings, false)).toBeUndefined();
    // A refresh answered without Session-Expires turns the timer off mid-dialog.
    expect(agreementFromResponse(response(200, 'UPDATE'), settings, true)).toBeUndefined();
    // Require: timer without Session-Expires is broken: still no timer, no throw.
    expect(
      agreementFromResponse(response(200, 'INVITE', 'Require: timer'), settings, true),
    ).toBeUndefined();
  });

  it('honours a timer the UAS imposes even with timers disabled or not asked for', () => {
    const ok = response(200, 'INVITE', 'Require: timer', 'Session-Expires: 120;refresher=uac');
    expect(agreementFromResponse(ok, disabled, false)).toEqual({
      interval: 120,
      refresher: 'local',
      minSe: 90,
    });
    expect(
      agreementFromResponse(
        response(200, 'INVITE', 'Session-Expires: 120;refresher=uas'),
        disabled,
        false,
      ),
    ).toEqual({ interval: 120, refresher: 'remote', minSe: 90 });
  });

  it('reads a 2xx to a refresh UPDATE or re-INVITE the same way', () => {
    const ok = response(200, 'UPDATE', 'Require: timer', 'Session-Expires: 90;refresher=uac');
    expect(agreementFromResponse(ok, settings, true)).toEqual({
      interval: 90,
      refresher: 'local',
      minSe: 90,
    });
  });

  it('treats a malformed Session-Expires as absent and never throws', () => {
    for (const value of ['soon', '90;;', '-5', '99999999999', '']) {
      const ok = response(200, 'INVITE', 'Require: timer', `Session-Expires: ${value}`);
      expect(agreementFromResponse(ok, settings, true)).toBeUndefined();
    }
    const twice = response(200, 'INVITE', 'Session-Expires: 90', 'Session-Expires: 120');
    expect(agreementFromResponse(twice, settings, true)).toBeUndefined();
  });

  it('raises an interval below the 90 s floor so a broken peer cannot cause a refresh storm', () => {
    const ok = response(200, 'INVITE', 'Session-Expires: 0;refresher=uac');
    expect(agreementFromResponse(ok, settings, true)?.interval).toBe(90);
  });

  it('keeps the Min-SE we sent (raised after a 422) for later refreshes', () => {
    const ok = response(200, 'INVITE', 'Session-Expires: 300;refresher=uac');
    expect(agreementFromResponse(ok, settings, true, 300)?.minSe).toBe(300);
  });

  it('ignores responses that are not a 2xx to INVITE or UPDATE', () => {
    expect(
      agreementFromResponse(response(180, 'INVITE', 'Session-Expires: 90'), settings, true),
    ).toBeUndefined();
    expect(
      agreementFromResponse(response(200, 'BYE', 'Session-Expires: 90'), settings, true),
    ).toBeUndefined();
  });
});

describe('answerToRequest (RFC 4028 §9)', () => {
  it('lets a supporting UAC refresh when it did not say who refreshes', () => {
    const answer = answerToRequest(
      request('INVITE', 'Supported: timer', 'Session-Expires: 1800'),
      settings,
    );
    expect(answer).toEqual({
      kind: 'accept',
      headers: [
        ['Session-Expires', '1800;refresher=uac'],
        ['Require', 'timer'],
      ],
      agreement: { interval: 1800, refresher: 'remote', minSe: 90 },
    });
  });

  it("keeps the request's refresher parameter", () => {
    expect(
      answerToRequest(
        request('INVITE', 'Supported: timer', 'Session-Expires: 600;refresher=uas'),
        settings,
      ),
    ).toEqual({
      kind: 'accept',
      headers: [
        ['Session-Expires', '600;refresher=uas'],
        ['Require', 'timer'],
      ],
      agreement: { interval: 600, refresher: 'local', minSe: 90 },
    });
    expect(
      answerToRequest(
        request('INVITE', 'Supported: 100rel, TIMER', 'Session-Expires: 600;refresher=uac'),
        settings,
      ),
    ).toMatchObject({ agreement: { interval: 600, refresher: 'remote' } });
  });

  it('rejects an interval below our Min-SE with 422 when the UAC supports timers', () => {
    const expected = { kind: 'reject', status: 422, headers: [['Min-SE', '90']] };
    expect(
      answerToRequest(request('INVITE', 'Supported: timer', 'Session-Expires: 60'), settings),
    ).toEqual(expected);
    expect(
      answerToRequest(request('INVITE', 'Supported: timer', 'Session-Expires: 200', 'Min-SE: 90'), {
        ...settings,
        minSe: 300,
      }),
    ).toEqual({ kind: 'reject', status: 422, headers: [['Min-SE', '300']] });
    // A refresh asking for too little is rejected the same way.
    expect(
      answerToRequest(request('UPDATE', 'Supported: timer', 'Session-Expires: 60'), settings),
    ).toEqual(expected);
  });

  it('raises a too small interval instead when the UAC does not support timers, and refreshes itself', () => {
    expect(answerToRequest(request('INVITE', 'Session-Expires: 60'), settings)).toEqual({
      kind: 'accept',
      headers: [['Session-Expires', '90;refresher=uas']],
      agreement: { interval: 90, refresher: 'local', minSe: 90 },
    });
    expect(
      answerToRequest(request('INVITE', 'Session-Expires: 60', 'Min-SE: 120'), settings),
    ).toMatchObject({ kind: 'accept', agreement: { interval: 120, refresher: 'local' } });
  });

  it('refreshes itself for a UAC without timer support whatever refresher a proxy wrote', () => {
    expect(
      answerToRequest(request('INVITE', 'Session-Expires: 1800;refresher=uac'), settings),
    ).toEqual({
      kind: 'accept',
      headers: [['Session-Expires', '1800;refresher=uas']],
      agreement: { interval: 1800, refresher: 'local', minSe: 90 },
    });
  });

  it('never lowers below, nor raises above, what a supporting UAC asked for', () => {
    expect(
      answerToRequest(
        request('INVITE', 'Supported: timer', 'Session-Expires: 100', 'Min-SE: 150'),
        settings,
      ),
    ).toMatchObject({ agreement: { interval: 150, minSe: 150 } });
    expect(
      answerToRequest(request('INVITE', 'Supported: timer', 'Session-Expires: 7200'), settings),
    ).toMatchObject({ agreement: { interval: 7200 } });
  });

  it('asks for a timer itself when the UAC supports timers but requested none', () => {
    expect(answerToRequest(request('INVITE', 'Supported: timer'), settings)).toEqual({
      kind: 'accept',
      headers: [
        ['Session-Expires', '90;refresher=uac'],
        ['Require', 'timer'],
      ],
      agreement: { interval: 90, refresher: 'remote', minSe: 90 },
    });
    expect(
      answerToRequest(request('INVITE', 'Supported: timer', 'Min-SE: 400'), {
        ...settings,
        sessionExpires: 300,
      }),
    ).toMatchObject({ agreement: { interval: 400, refresher: 'remote' } });
  });

  it('leaves timers out when neither side asked for one', () => {
    expect(answerToRequest(request('INVITE'), settings)).toEqual({ kind: 'none', headers: [] });
    expect(answerToRequest(request('INVITE', 'Supported: timer'), disabled)).toEqual({
      kind: 'none',
      headers: [],
    });
  });

  it('with timers disabled, takes part only when the UAC requires timer', () => {
    expect(
      answerToRequest(request('INVITE', 'Supported: timer', 'Session-Expires: 1800'), disabled),
    ).toEqual({ kind: 'none', headers: [] });
    expect(
      answerToRequest(
        request('INVITE', 'Require: timer', 'Session-Expires: 1800;refresher=uac'),
        disabled,
      ),
    ).toEqual({
      kind: 'accept',
      headers: [
        ['Session-Expires', '1800;refresher=uac'],
        ['Require', 'timer'],
      ],
      agreement: { interval: 1800, refresher: 'remote', minSe: 90 },
    });
  });

  it('answers refresh re-INVITEs and UPDATEs by the same rules, and nothing else', () => {
    const headers = ['Supported: timer', 'Session-Expires: 90;refresher=uas', 'Min-SE: 90'];
    for (const method of ['INVITE', 'UPDATE']) {
      expect(answerToRequest(request(method, ...headers), settings)).toMatchObject({
        kind: 'accept',
        agreement: { interval: 90, refresher: 'local' },
      });
    }
    expect(answerToRequest(request('INFO', ...headers), settings)).toEqual({
      kind: 'none',
      headers: [],
    });
  });

  it('reads malformed Session-Expires, Min-SE or Supported as absent and never throws', () => {
    expect(
      answerToRequest(request('INVITE', 'Supported: timer', 'Session-Expires: x'), settings),
    ).toMatchObject({ kind: 'accept', agreement: { interval: 90, refresher: 'remote' } });
    expect(answerToRequest(request('INVITE', 'Session-Expires: x'), settings)).toEqual({
      kind: 'none',
      headers: [],
    });
    expect(
      answerToRequest(
        request('INVITE', 'Supported: timer', 'Session-Expires: 600', 'Min-SE: a lot'),
        settings,
      ),
    ).toMatchObject({ agreement: { interval: 600, minSe: 90 } });
    // A Supported we cannot read means no timer support: raise rather than 422.
    expect(
      answerToRequest(request('INVITE', 'Supported: timer;x', 'Session-Expires: 60'), settings),
    ).toMatchObject({ kind: 'accept', agreement: { interval: 90, refresher: 'local' } });
  });
});

describe('refreshRequestHeaders (RFC 4028 §7.4, §10)', () => {
  it('names us as the refresher when we refresh, the peer otherwise', () => {
    expect(refreshRequestHeaders({ interval: 90, refresher: 'local' }, settings)).toEqual([
      ['Session-Expires', '90;refresher=uac'],
      ['Min-SE', '90'],
    ]);
    expect(refreshRequestHeaders({ interval: 1800, refresher: 'remote' }, settings)).toEqual([
      ['Session-Expires', '1800;refresher=uas'],
      ['Min-SE', '90'],
    ]);
  });

  it('carries the largest Min-SE known, never above the interval', () => {
    const agreement = { interval: 600, refresher: 'local', minSe: 300 } as const;
    expect(refreshRequestHeaders(agreement, settings)).toContainEqual(['Min-SE', '300']);
    expect(refreshRequestHeaders(agreement, { ...settings, minSe: 900 })).toContainEqual([
      'Min-SE',
      '600',
    ]);
  });

  it('round-trips through the UAS rules: the peer accepts our refresh as it stands', () => {
    const agreement = { interval: 600, refresher: 'local', minSe: 120 } as const;
    const update = request(
      'UPDATE',
      'Supported: timer',
      ...refreshRequestHeaders(agreement, settings).map(([name, value]) => `${name}: ${value}`),
    );
    // Seen from the peer, the request's sender (us) refreshes.
    expect(answerToRequest(update, settings)).toMatchObject({
      kind: 'accept',
      agreement: { interval: 600, refresher: 'remote', minSe: 120 },
    });
  });
});

describe('refreshMethod', () => {
  it('uses the configured method unless the peer is known not to allow UPDATE', () => {
    expect(refreshMethod(settings, undefined)).toBe('UPDATE');
    expect(refreshMethod(settings, ['INVITE', 'ACK', 'UPDATE', 'BYE'])).toBe('UPDATE');
    expect(refreshMethod(settings, ['INVITE', 'ACK', 'BYE'])).toBe('INVITE');
    expect(refreshMethod(settings, ['update'])).toBe('INVITE');
    expect(refreshMethod(settings, [])).toBe('INVITE');
    const invite = { ...settings, refreshMethod: 'INVITE' } as const;
    expect(refreshMethod(invite, ['INVITE', 'UPDATE'])).toBe('INVITE');
    expect(refreshMethod(invite, undefined)).toBe('INVITE');
  });

  it("reads the peer's Allow safely", () => {
    const allow = response(200, 'INVITE', 'Allow: INVITE, ACK, BYE', 'Allow: CANCEL');
    expect(readPeerAllow(allow)).toEqual(['INVITE', 'ACK', 'BYE', 'CANCEL']);
    expect(refreshMethod(settings, readPeerAllow(allow))).toBe('INVITE');
    expect(readPeerAllow(response(200, 'INVITE'))).toBeUndefined();
    expect(readPeerAllow(request('INVITE', 'Allow: INVITE;;'))).toBeUndefined();
  });
});

describe('refresh and expiry delays (RFC 4028 §10)', () => {
  it('refreshes at half the interval and expires a third or 32 s before its end', () => {
    expect(refreshDelay(90)).toBe(45_000);
    expect(expiryDelay(90)).toBe(60_000);
    expect(refreshDelay(1800)).toBe(900_000);
    expect(expiryDelay(1800)).toBe(1_768_000);
    expect(expiryDelay(96)).toBe(64_000);
    expect(expiryDelay(97)).toBe(65_000);
  });

  it('keeps refresh before expiry and both within what setTimeout can wait', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_SESSION_EXPIRES, max: 2 ** 32 - 1 }), (interval) => {
        const refresh = refreshDelay(interval);
        const expiry = expiryDelay(interval);
        expect(refresh).toBeGreaterThan(0);
        expect(refresh).toBeLessThanOrEqual(expiry);
        expect(expiry).toBeLessThanOrEqual(2 ** 31 - 1);
        expect(Number.isInteger(expiry)).toBe(true);
        if (interval * 1000 <= 2 ** 31 - 1) {
          // The BYE goes out at least min(32 s, interval / 3) before the session would end.
          expect(interval * 1000 - expiry).toBeGreaterThanOrEqual(
            Math.min(32_000, (interval * 1000) / 3),
          );
        }
      }),
    );
  });
});

function safeMinSe(message: IncomingRequest): number {
  try {
    return message.parsed('min-se')?.delta ?? 0;
  } catch {
    return 0;
  }
}

describe('negotiation properties', () => {
  const headerValue = fc.oneof(
    fc.nat({ max: 10_000 }).map(String),
    fc
      .tuple(fc.nat({ max: 10_000 }), fc.constantFrom('uac', 'uas', 'UAC', 'x'))
      .map(([delta, refresher]) => `${delta};refresher=${refresher}`),
    fc.string({ maxLength: 12 }).filter((value) => !/[\r\n\0]/.test(value)),
  );
  const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
    fc.option(arbitrary, { nil: undefined });

  it('answers every request without throwing, never below a Min-SE, and 422s only supporting UACs', () => {
    fc.assert(
      fc.property(
        maybe(headerValue),
        maybe(headerValue),
        fc.constantFrom(undefined, 'timer', '100rel', 'timer, replaces', 'timer;bad'),
        fc.boolean(),
        fc.integer({ min: 90, max: 4000 }),
        (sessionExpires, minSe, supported, enabled, ourMinSe) => {
          const extra = [
            ...(sessionExpires === undefined ? [] : [`Session-Expires: ${sessionExpires}`]),
            ...(minSe === undefined ? [] : [`Min-SE: ${minSe}`]),
            ...(supported === undefined ? [] : [`Supported: ${supported}`]),
          ];
          let incoming: IncomingRequest;
          try {
            incoming = request('INVITE', ...extra);
          } catch {
            return; // a value the message parser itself refuses is not our concern
          }
          const ours = { ...settings, enabled, minSe: ourMinSe };
          const answer = answerToRequest(incoming, ours);
          if (answer.kind === 'reject') {
            expect(supported?.includes('timer')).toBe(true);
            expect(answer.headers).toEqual([['Min-SE', String(ourMinSe)]]);
          }
          if (answer.kind === 'accept') {
            const { interval, refresher } = answer.agreement;
            expect(interval).toBeGreaterThanOrEqual(ourMinSe);
            expect(interval).toBeGreaterThanOrEqual(safeMinSe(incoming));
            const echoed = parseSessionExpires(answer.headers[0]?.[1] ?? '');
            expect(echoed.delta).toBe(interval);
            expect(echoed.refresher === 'uac').toBe(refresher === 'remote');
          }
        },
      ),
    );
  });

  it('reads every 2xx without throwing, and any agreement is at least 90 s', () => {
    fc.assert(
      fc.property(maybe(headerValue), fc.boolean(), fc.boolean(), (value, enabled, sent) => {
        let ok: IncomingResponse;
        try {
          ok = response(
            200,
            'INVITE',
            ...(value === undefined ? [] : [`Session-Expires: ${value}`]),
          );
        } catch {
          return;
        }
        const agreement = agreementFromResponse(ok, { ...settings, enabled }, sent);
        if (agreement !== undefined) expect(agreement.interval).toBeGreaterThanOrEqual(90);
      }),
    );
  });
});
