import { describe, expect, it, vi } from 'vitest';
import { TransactionLayer } from './transaction-layer.js';
import type { FakeWire } from './testing/wire.js';
import { useFakeLayer, outgoingRequest, recordingClientUser, responseTo } from './testing/wire.js';

describe('NonInviteClientTransaction (RFC 3261 §17.1.2)', () => {
  let wire: FakeWire;
  let layer: TransactionLayer;

  useFakeLayer((w, l) => {
    wire = w;
    layer = l;
  });

  it('sends the request once with a fresh branch and starts in Trying', () => {
    const tx = layer.createClientTransaction(outgoingRequest('OPTIONS'), recordingClientUser());
    expect(tx.kind).toBe('non-invite-client');
    expect(tx.state).toBe('trying');
    expect(wire.sent).toHaveLength(1);
    expect(wire.request(0).via[0]?.branch).toBe(tx.branch);
    expect(tx.branch).toMatch(/^z9hG4bK/);
    // Reliable transport: no Timer E retransmissions.
    vi.advanceTimersByTime(31_999);
    expect(wire.sent).toHaveLength(1);
  });

  it('200: passes it to the TU, Completed, then Terminated at once (Timer K = 0)', () => {
    const user = recordingClientUser();
    const tx = layer.createClientTransaction(outgoingRequest('OPTIONS'), user);
    const states: string[] = [];
    user.onResponse = () => states.push(tx.state);
    expect(layer.receiveResponse(responseTo(wire.sent[0] ?? '', 200, 'totag'))).toBe(tx);
    expect(states).toEqual(['completed']);
    expect(tx.state).toBe('terminated');
    expect(user.events).toEqual(['terminated']);
    expect(layer.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('1xx: Proceeding, passed to the TU, Timer F keeps running', () => {
    const user = recordingClientUser();
    const tx = layer.createClientTransaction(outgoingRequest('MESSAGE'), user);
    vi.advanceTimersByTime(20_000);
    layer.receiveResponse(responseTo(wire.sent[0] ?? '', 100));
    expect(tx.state).toBe('proceeding');
    vi.advanceTimersByTime(11_999);
    expect(user.events).toEqual(['response 100']);
    vi.advanceTimersByTime(1);
    expect(user.events).toEqual(['response 100', 'timeout', 'terminated']);
  });

  it('Timer F fires at exactly 64*T1, not a millisecond earlier', () => {
    const user = recordingClientUser();
    const tx = layer.createClientTransaction(outgoingRequest('REGISTER'), user);
    vi.advanceTimersByTime(64 * 500 - 1);
    expect(user.events).toEqual([]);
    expect(tx.state).toBe('trying');
    vi.advanceTimersByTime(1);
    expect(user.events).toEqual(['timeout', 'terminated']);
    expect(tx.state).toBe('terminated');
    expect(layer.size).toBe(0);
  });

  it('follows a configured T1', () => {
    const custom = new TransactionLayer({ send: wire.send, timers: { t1: 100 } });
    const user = recordingClientUser();
    custom.createClientTransaction(outgoingRequest('OPTIONS'), user);
    vi.advanceTimersByTime(6_399);
    expect(user.events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(user.events).toEqual(['timeout', 'terminated']);
  });

  it('a final response after the transaction ended is stray', () => {
    layer.createClientTransaction(outgoingRequest('OPTIONS'), recordingClientUser());
    const ok = responseTo(wire.sent[0] ?? '', 200, 'x');
    layer.receiveResponse(ok);
    expect(layer.receiveResponse(ok)).toBeUndefined();
  });

  it('with Timer K > 0, Completed absorbs retransmitted finals', () => {
    const slow = new TransactionLayer({ send: wire.send, timers: { timerK: 5000 } });
    const user = recordingClientUser();
    const tx = slow.createClientTransaction(outgoingRequest('OPTIONS'), user);
    const ok = responseTo(wire.sent[0] ?? '', 200, 'x');
    slow.receiveResponse(ok);
    expect(tx.state).toBe('completed');
    expect(slow.receiveResponse(ok)).toBe(tx);
    expect(slow.receiveResponse(responseTo(wire.sent[0] ?? '', 180, 'x'))).toBe(tx);
    expect(user.events).toEqual(['response 200']);
    vi.advanceTimersByTime(5000);
    expect(tx.state).toBe('terminated');
    expect(slow.size).toBe(0);
  });

  it('transport refusal: onTransportError before create returns, then terminated', () => {
    wire.accept = false;
    const user = recordingClientUser();
    const tx = layer.createClientTransaction(outgoingRequest('OPTIONS'), user);
    expect(user.events).toEqual(['transport error', 'terminated']);
    expect(tx.state).toBe('terminated');
    expect(layer.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
