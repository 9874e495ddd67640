import { describe, expect, it, vi } from 'vitest';
import { createResponse } from '../message/index.js';
import { TransactionLayer } from './transaction-layer.js';
import type { FakeWire } from './testing/wire.js';
import { useFakeLayer, incomingRequest, recordingServerUser } from './testing/wire.js';

describe('NonInviteServerTransaction (RFC 3261 §17.2.2)', () => {
  let wire: FakeWire;
  let layer: TransactionLayer;

  useFakeLayer((w, l) => {
    wire = w;
    layer = l;
  });

  function start(target = layer) {
    const request = incomingRequest({ method: 'MESSAGE' });
    const user = recordingServerUser();
    return { request, user, tx: target.createServerTransaction(request, user) };
  }

  it('starts in Trying, sends nothing, discards retransmissions there', () => {
    const { tx } = start();
    expect(tx.kind).toBe('non-invite-server');
    expect(tx.state).toBe('trying');
    expect(layer.receiveRequest(incomingRequest({ method: 'MESSAGE' }))).toBe(tx);
    expect(wire.sent).toEqual([]);
  });

  it('Proceeding re-sends the last provisional for a retransmission', () => {
    const { request, tx } = start();
    tx.respond(createResponse(request, 100));
    expect(tx.state).toBe('proceeding');
    expect(layer.receiveRequest(incomingRequest({ method: 'MESSAGE' }))).toBe(tx);
    expect(wire.sent).toHaveLength(2);
    expect(wire.sent[1]).toBe(wire.sent[0]);
  });

  it('final response: Completed then Terminated at once (Timer J = 0)', () => {
    const { request, user, tx } = start();
    expect(tx.respond(createResponse(request, 200, undefined, { toTag: 'me' }))).toBe(true);
    expect(tx.state).toBe('terminated');
    expect(user.events).toEqual(['terminated']);
    expect(wire.response(0).status).toBe(200);
    expect(layer.size).toBe(0);
    // Gone: a late retransmission is new to the layer.
    expect(layer.receiveRequest(incomingRequest({ method: 'MESSAGE' }))).toBeUndefined();
  });

  it('with Timer J > 0, Completed re-sends the final and discards other finals', () => {
    const slow = new TransactionLayer({ send: wire.send, timers: { timerJ: 32_000 } });
    const { request, tx } = start(slow);
    tx.respond(createResponse(request, 404, undefined, { toTag: 'me' }));
    expect(tx.state).toBe('completed');
    expect(slow.receiveRequest(incomingRequest({ method: 'MESSAGE' }))).toBe(tx);
    expect(wire.sent).toHaveLength(2);
    expect(wire.sent[1]).toBe(wire.sent[0]);
    expect(tx.respond(createResponse(request, 200, undefined, { toTag: 'me' }))).toBe(false);
    expect(wire.sent).toHaveLength(2);
    vi.advanceTimersByTime(32_000);
    expect(tx.state).toBe('terminated');
    expect(slow.size).toBe(0);
  });

  it('transport refusal: onTransportError, terminated', () => {
    const { request, user, tx } = start();
    wire.accept = false;
    expect(tx.respond(createResponse(request, 200, undefined, { toTag: 'me' }))).toBe(false);
    expect(user.events).toEqual(['transport error', 'terminated']);
    expect(tx.state).toBe('terminated');
    expect(layer.size).toBe(0);
  });
});
