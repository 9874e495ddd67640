import { describe, expect, it, vi } from 'vitest';
import { createResponse } from '../message/index.js';
import { TransactionLayer } from './transaction-layer.js';
import type { FakeWire } from './testing/wire.js';
import { useFakeLayer, incomingRequest, recordingServerUser } from './testing/wire.js';

describe('InviteServerTransaction (RFC 3261 §17.2.1, RFC 6026)', () => {
  let wire: FakeWire;
  let layer: TransactionLayer;

  useFakeLayer((w, l) => {
    wire = w;
    layer = l;
  });

  function start(target = layer) {
    const request = incomingRequest({ method: 'INVITE' });
    const user = recordingServerUser();
    const tx = target.createServerTransaction(request, user);
    if (tx.kind !== 'invite-server') throw new Error('expected an INVITE server transaction');
    return { request, user, tx };
  }
  const ack = () => incomingRequest({ method: 'ACK', cseqMethod: 'ACK', toTag: 'me' });

  it('sends 100 Trying at once, with the request Vias, From, To, Call-ID, CSeq, Timestamp', () => {
    const { request, tx } = start();
    expect(tx.state).toBe('proceeding');
    expect(wire.sent).toHaveLength(1);
    const trying = wire.response(0);
    expect(trying.status).toBe(100);
    expect(trying.reason).toBe('Trying');
    expect(trying.headers('via')).toEqual(request.headers('via'));
    expect(trying.header('from')).toBe(request.header('from'));
    expect(trying.header('to')).toBe(request.header('to'));
    expect(trying.to.tag).toBeUndefined();
    expect(trying.callId).toBe(request.callId);
    expect(trying.cseq).toEqual({ seq: 7, method: 'INVITE' });
    expect(trying.header('timestamp')).toBe('54');
  });

  it('a retransmitted INVITE re-sends the last response (100, then 180)', () => {
    const { request, tx } = start();
    expect(layer.receiveRequest(request)).toBe(tx);
    expect(wire.sent[1]).toBe(wire.sent[0]);
    tx.respond(createResponse(request, 180, undefined, { toTag: 'me' }));
    expect(layer.receiveRequest(incomingRequest({ method: 'INVITE' }))).toBe(tx);
    expect(wire.sent).toHaveLength(4);
    expect(wire.response(3).status).toBe(180);
    expect(wire.sent[3]).toBe(wire.sent[2]);
  });

  it('non-2xx final, then ACK: Confirmed, then Terminated at once (Timer I = 0)', () => {
    const { request, user, tx } = start();
    expect(tx.respond(createResponse(request, 486, undefined, { toTag: 'me' }))).toBe(true);
    expect(tx.state).toBe('completed');
    // A retransmitted INVITE in Completed gets the final again.
    layer.receiveRequest(incomingRequest({ method: 'INVITE' }));
    expect(wire.response(-1).status).toBe(486);
    expect(layer.receiveRequest(ack())).toBe(tx);
    expect(tx.state).toBe('terminated');
    expect(user.events).toEqual(['terminated']);
    expect(layer.size).toBe(0);
    // The transaction is gone: a late ACK is the core's (it will drop it).
    expect(layer.receiveRequest(ack())).toBeUndefined();
  });

  it('with Timer I > 0, Confirmed absorbs ACK retransmissions', () => {
    const slow = new TransactionLayer({ send: wire.send, timers: { timerI: 5000 } });
    const { request, tx } = start(slow);
    tx.respond(createResponse(request, 603, undefined, { toTag: 'me' }));
    slow.receiveRequest(ack());
    expect(tx.state).toBe('confirmed');
    const sent = wire.sent.length;
    expect(slow.receiveRequest(ack())).toBe(tx);
    expect(slow.receiveRequest(incomingRequest({ method: 'INVITE' }))).toBe(tx);
    expect(wire.sent).toHaveLength(sent);
    vi.advanceTimersByTime(5000);
    expect(tx.state).toBe('terminated');
  });

  it('no ACK: Timer H fires at 64*T1 and tells the TU', () => {
    const { request, user, tx } = start();
    tx.respond(createResponse(request, 480, undefined, { toTag: 'me' }));
    vi.advanceTimersByTime(64 * 500 - 1);
    expect(tx.state).toBe('completed');
    expect(user.events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(user.events).toEqual(['timeout', 'terminated']);
    expect(layer.size).toBe(0);
  });

  it('2xx: Accepted absorbs INVITE retransmissions, passes ACKs on, Timer L ends it', () => {
    const { request, user, tx } = start();
    const ok = createResponse(request, 200, undefined, { toTag: 'me' });
    expect(tx.respond(ok)).toBe(true);
    expect(tx.state).toBe('accepted');
    const sent = wire.sent.length;
    expect(layer.receiveRequest(incomingRequest({ method: 'INVITE' }))).toBe(tx);
    expect(wire.sent).toHaveLength(sent); // absorbed, not answered: 2xx retransmission is the core's
    // RFC 6026: an ACK matching an Accepted transaction belongs to the TU.
    expect(layer.receiveRequest(ack())).toBeUndefined();
    // The core's 2xx retransmissions (§13.3.1.4) go through; other responses do not.
    expect(tx.respond(ok)).toBe(true);
    expect(wire.sent).toHaveLength(sent + 1);
    expect(tx.respond(createResponse(request, 486))).toBe(false);
    expect(tx.respond(createResponse(request, 180))).toBe(false);
    vi.advanceTimersByTime(64 * 500 - 1);
    expect(tx.state).toBe('accepted');
    vi.advanceTimersByTime(1);
    expect(tx.state).toBe('terminated');
    expect(user.events).toEqual(['terminated']);
    expect(layer.size).toBe(0);
  });

  it('refuses responses after a non-2xx final', () => {
    const { request, tx } = start();
    tx.respond(createResponse(request, 486, undefined, { toTag: 'me' }));
    expect(tx.respond(createResponse(request, 200, undefined, { toTag: 'me' }))).toBe(false);
    expect(wire.sent).toHaveLength(2);
  });

  it('transport refusal of a response: onTransportError, terminated', () => {
    const { request, user, tx } = start();
    wire.accept = false;
    expect(tx.respond(createResponse(request, 180, undefined, { toTag: 'me' }))).toBe(false);
    expect(user.events).toEqual(['transport error', 'terminated']);
    expect(tx.state).toBe('terminated');
    expect(layer.size).toBe(0);
  });

  it('transport refusal of the 100 Trying ends it before create returns', () => {
    wire.accept = false;
    const { user, tx } = start();
    expect(user.events).toEqual(['transport error', 'terminated']);
    expect(tx.state).toBe('terminated');
    expect(layer.size).toBe(0);
  });
});
