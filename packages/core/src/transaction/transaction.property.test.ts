// Property tests: random event sequences against the INVITE state machines must keep the
// RFC 3261 §17 / §9.1 / RFC 6026 invariants, and stop() must always leave nothing behind.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createResponse } from '../message/index.js';
import { TransactionLayer } from './transaction-layer.js';
import { incomingRequest, outgoingRequest, responseTo } from './testing/wire.js';

const RUNS = Math.min(Number(process.env['SIPKIT_FUZZ_RUNS']) || 300, 20_000);

type ClientEvent =
  | { readonly kind: 'response'; readonly status: number; readonly tag: string }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'wire'; readonly accept: boolean };

const clientEvent: fc.Arbitrary<ClientEvent> = fc.oneof(
  fc.record({
    kind: fc.constant('response' as const),
    status: fc.constantFrom(100, 180, 183, 200, 202, 302, 401, 486, 487, 503, 603),
    tag: fc.constantFrom('a', 'b'),
  }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 40_000 }) }),
  fc.constant({ kind: 'cancel' as const }),
  fc.record({ kind: fc.constant('wire' as const), accept: fc.boolean() }),
);

const CLIENT_MOVES: Record<string, readonly string[]> = {
  calling: ['calling', 'proceeding', 'accepted', 'completed', 'terminated'],
  proceeding: ['proceeding', 'accepted', 'completed', 'terminated'],
  accepted: ['accepted', 'terminated'],
  completed: ['completed', 'terminated'],
  terminated: ['terminated'],
};

const final = (entry: string): boolean => /^tu:response:[2-6]/.test(entry);

describe('transaction state machines (property)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  // A failed run must not leave timers that make the next (shrunk) run fail for the wrong reason.
  const isolated =
    <T extends unknown[]>(body: (...args: T) => void) =>
    (...args: T): void => {
      try {
        body(...args);
      } finally {
        vi.clearAllTimers();
      }
    };

  it('INVITE client: legal moves, CANCEL only between a 1xx and a final, one ACK per non-2xx', () => {
    fc.assert(
      fc.property(
        fc.array(clientEvent, { maxLength: 25 }),
        isolated((events) => {
          const log: string[] = [];
          let accept = true;
          const layer = new TransactionLayer({
            send: (text) => {
              log.push(`sent:${text.slice(0, text.indexOf(' '))}`);
              return accept;
            },
          });
          const tx = layer.createInviteClientTransaction(outgoingRequest('INVITE'), {
            onResponse: (response) => log.push(`tu:response:${response.status}`),
            onTimeout: () => log.push('tu:timeout'),
            onTransportError: () => log.push('tu:transport-error'),
            onTerminated: () => log.push('tu:terminated'),
          });
          const invite = responseTo.bind(null, sentInvite(tx.request));
          let state: string = tx.state;
          for (const event of events) {
            if (event.kind === 'response') {
              const open = tx.state === 'calling' || tx.state === 'proceeding';
              if (open && event.status < 200) log.push('in:provisional');
              layer.receiveResponse(invite(event.status, event.tag));
            } else if (event.kind === 'advance') vi.advanceTimersByTime(event.ms);
            else if (event.kind === 'cancel') tx.cancel();
            else accept = event.accept;
            expect(CLIENT_MOVES[state]).toContain(tx.state);
            state = tx.state;
          }

          // Nothing reaches the TU after onTerminated, which comes at most once.
          const end = log.indexOf('tu:terminated');
          expect(log.filter((entry) => entry === 'tu:terminated').length).toBeLessThanOrEqual(1);
          if (end !== -1)
            expect(log.slice(end + 1).some((entry) => entry.startsWith('tu:'))).toBe(false);
          expect(end !== -1).toBe(tx.state === 'terminated');

          // RFC 3261 §9.1: a CANCEL goes out after a provisional response and before any final.
          const cancels = log.flatMap((entry, index) => (entry === 'sent:CANCEL' ? [index] : []));
          expect(cancels.length).toBeLessThanOrEqual(1);
          for (const index of cancels) {
            const before = log.slice(0, index);
            expect(before).toContain('in:provisional');
            expect(before.some(final)).toBe(false);
          }

          // §17.1.1.3: an ACK only for a non-2xx final; a 2xx is never acknowledged here.
          const finals = log.filter(final);
          const acks = log.filter((entry) => entry === 'sent:ACK').length;
          const firstFinal = finals[0];
          if (firstFinal === undefined || firstFinal.startsWith('tu:response:2')) {
            expect(acks).toBe(0);
          } else {
            expect(acks).toBe(1); // Timer D = 0: retransmissions find no transaction
            expect(finals).toEqual([firstFinal]); // no 2xx after a non-2xx final
          }

          layer.stop();
          expect(vi.getTimerCount()).toBe(0);
          expect(layer.size).toBe(0);
        }),
      ),
      { numRuns: RUNS },
    );
  });

  it('INVITE server: one final at most (plus 2xx copies), retransmissions answered with the last response', () => {
    type ServerEvent =
      | { readonly kind: 'respond'; readonly status: number }
      | { readonly kind: 'retransmit' }
      | { readonly kind: 'ack' }
      | { readonly kind: 'advance'; readonly ms: number };
    const serverEvent: fc.Arbitrary<ServerEvent> = fc.oneof(
      fc.record({
        kind: fc.constant('respond' as const),
        status: fc.constantFrom(180, 183, 200, 486, 603),
      }),
      fc.constant({ kind: 'retransmit' as const }),
      fc.constant({ kind: 'ack' as const }),
      fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 40_000 }) }),
    );
    fc.assert(
      fc.property(
        fc.array(serverEvent, { maxLength: 25 }),
        isolated((events) => {
          const sent: string[] = [];
          const layer = new TransactionLayer({ send: (text) => sent.push(text) > 0 });
          const request = incomingRequest({ method: 'INVITE' });
          const tx = layer.createServerTransaction(request);
          for (const event of events) {
            const before = sent.length;
            if (event.kind === 'respond') {
              tx.respond(createResponse(request, event.status, undefined, { toTag: 'me' }));
            } else if (event.kind === 'retransmit') {
              const matched = layer.receiveRequest(incomingRequest({ method: 'INVITE' }));
              const state = tx.state;
              if (matched !== undefined && (state === 'proceeding' || state === 'completed')) {
                expect(sent.length).toBe(before + 1);
                expect(sent.at(-1)).toBe(sent.at(-2));
              }
            } else if (event.kind === 'ack') {
              layer.receiveRequest(
                incomingRequest({ method: 'ACK', cseqMethod: 'ACK', toTag: 'me' }),
              );
            } else {
              vi.advanceTimersByTime(event.ms);
            }
          }
          const statuses = sent.map((text) => Number(text.slice(8, 11)));
          const firstFinal = statuses.findIndex((status) => status >= 200);
          if (firstFinal !== -1) {
            const after = statuses.slice(firstFinal);
            const first = statuses[firstFinal] ?? 0;
            // After a 2xx only 2xx copies; after a non-2xx only that same final, re-sent.
            expect(
              after.every((status) =>
                first < 300 ? status < 300 && status >= 200 : status === first,
              ),
            ).toBe(true);
          }
          layer.stop();
          expect(vi.getTimerCount()).toBe(0);
          expect(layer.size).toBe(0);
        }),
      ),
      { numRuns: RUNS },
    );
  });
});

function sentInvite(request: { readonly headers: readonly (readonly [string, string])[] }): string {
  // Rebuild the INVITE text the far end saw, enough for createResponse to answer it.
  let text = 'INVITE sip:bob@b.example SIP/2.0\r\n';
  for (const [name, value] of request.headers) text += `${name}: ${value}\r\n`;
  return `${text}\r\n`;
}
