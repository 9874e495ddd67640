import { describe, expect, it, vi } from 'vitest';
import { TransactionLayer } from './transaction-layer.js';
import type { FakeWire } from './testing/wire.js';
import { useFakeLayer, outgoingRequest, recordingClientUser, responseTo } from './testing/wire.js';

describe('InviteClientTransaction (RFC 3261 §17.1.1, RFC 6026)', () => {
  let wire: FakeWire;
  let layer: TransactionLayer;

  useFakeLayer((w, l) => {
    wire = w;
    layer = l;
  });

  function start() {
    const user = recordingClientUser();
    const tx = layer.createInviteClientTransaction(outgoingRequest('INVITE'), user);
    const invite = wire.sent[0] ?? '';
    return { user, tx, invite };
  }

  it('sends the INVITE once and starts in Calling', () => {
    const { tx } = start();
    expect(tx.kind).toBe('invite-client');
    expect(tx.state).toBe('calling');
    const sent = wire.request(0);
    expect(sent.method).toBe('INVITE');
    expect(sent.via).toHaveLength(1);
    expect(sent.via[0]?.branch).toBe(tx.branch);
    expect(sent.via[0]?.params.rport).toBe('');
    expect(sent.body).toBe('v=0\r\n');
    vi.advanceTimersByTime(30_000); // no Timer A on a reliable transport
    expect(wire.sent).toHaveLength(1);
  });

  it('180 then 486: Proceeding, then an ACK with exactly the §17.1.1.3 fields', () => {
    const { user, tx, invite } = start();
    layer.receiveResponse(responseTo(invite, 180, 'uas-tag'));
    expect(tx.state).toBe('proceeding');
    const busy = responseTo(invite, 486, 'uas-tag');
    expect(layer.receiveResponse(busy)).toBe(tx);
    expect(user.events).toEqual(['response 180', 'response 486', 'terminated']);
    expect(wire.sent).toHaveLength(2);

    const ack = wire.request(1);
    const sentInvite = wire.request(0);
    expect(ack.method).toBe('ACK');
    expect(ack.requestUri).toBe('sip:bob@b.example');
    expect(ack.callId).toBe('call-1@a.example');
    expect(ack.header('from')).toBe(sentInvite.header('from'));
    expect(ack.header('to')).toBe('<sip:bob@b.example>;tag=uas-tag');
    expect(ack.to.tag).toBe('uas-tag');
    expect(ack.cseq).toEqual({ seq: 1, method: 'ACK' });
    expect(ack.headers('via')).toEqual([sentInvite.headers('via')[0]]);
    expect(ack.via[0]?.branch).toBe(tx.branch);
    expect(ack.headers('route')).toEqual([
      '<sip:proxy1.example;transport=ws;lr>',
      '<sip:proxy2.example;lr>',
    ]);
    expect(ack.header('max-forwards')).toBe('70');
    expect(ack.body).toBe('');
    expect(ack.header('content-length')).toBe('0');
    expect(ack.hasHeader('contact')).toBe(false);
    expect(ack.hasHeader('authorization')).toBe(false);
    // Timer D = 0 on a reliable transport: gone at once.
    expect(tx.state).toBe('terminated');
    expect(layer.size).toBe(0);
  });

  it('sends the ACK before the TU hears of the final response', () => {
    const { user, invite } = start();
    let sentWhenTold = 0;
    user.onResponse = () => (sentWhenTold = wire.sent.length);
    layer.receiveResponse(responseTo(invite, 603, 'x'));
    expect(sentWhenTold).toBe(2);
  });

  it('with Timer D > 0, Completed re-sends the ACK for each retransmitted final only', () => {
    const slow = new TransactionLayer({ send: wire.send, timers: { timerD: 32_000 } });
    const user = recordingClientUser();
    const tx = slow.createInviteClientTransaction(outgoingRequest('INVITE'), user);
    const busy = responseTo(wire.sent[0] ?? '', 486, 'x');
    slow.receiveResponse(busy);
    expect(tx.state).toBe('completed');
    slow.receiveResponse(busy);
    expect(wire.sent).toHaveLength(3);
    expect(wire.sent[2]).toBe(wire.sent[1]);
    expect(user.events).toEqual(['response 486']);
    vi.advanceTimersByTime(32_000);
    expect(tx.state).toBe('terminated');
    slow.stop();
  });

  it('2xx: Accepted, every 2xx (other forks too) to the TU, no ACK, Timer M ends it', () => {
    const { user, tx, invite } = start();
    layer.receiveResponse(responseTo(invite, 183, 'fork-a'));
    layer.receiveResponse(responseTo(invite, 200, 'fork-a'));
    expect(tx.state).toBe('accepted');
    const seen: (string | undefined)[] = [];
    user.onResponse = (response) => seen.push(response.to.tag);
    expect(layer.receiveResponse(responseTo(invite, 200, 'fork-b'))).toBe(tx);
    layer.receiveResponse(responseTo(invite, 200, 'fork-a')); // retransmission, still passed
    layer.receiveResponse(responseTo(invite, 486, 'fork-c')); // non-2xx ignored in Accepted
    layer.receiveResponse(responseTo(invite, 180, 'fork-d'));
    expect(seen).toEqual(['fork-b', 'fork-a']);
    expect(wire.sent).toHaveLength(1); // the 2xx ACK is the UAC core's (§13.2.2.4)
    vi.advanceTimersByTime(64 * 500 - 1);
    expect(tx.state).toBe('accepted');
    vi.advanceTimersByTime(1);
    expect(tx.state).toBe('terminated');
    expect(user.events).toEqual(['response 183', 'response 200', 'terminated']);
    expect(layer.receiveResponse(responseTo(invite, 200, 'fork-e'))).toBeUndefined();
    expect(layer.size).toBe(0);
  });

  it('Timer B: timeout at 64*T1 in Calling', () => {
    const { user, tx } = start();
    vi.advanceTimersByTime(64 * 500 - 1);
    expect(user.events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(user.events).toEqual(['timeout', 'terminated']);
    expect(tx.state).toBe('terminated');
    expect(layer.size).toBe(0);
  });

  it('Timer B stops once a provisional response arrives (Proceeding waits for the TU)', () => {
    const { user, tx, invite } = start();
    layer.receiveResponse(responseTo(invite, 100));
    vi.advanceTimersByTime(10 * 64 * 500);
    expect(tx.state).toBe('proceeding');
    expect(user.events).toEqual(['response 100']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('transport refusal of the INVITE: onTransportError, terminated, nothing scheduled', () => {
    wire.accept = false;
    const { user, tx } = start();
    expect(user.events).toEqual(['transport error', 'terminated']);
    expect(tx.state).toBe('terminated');
    expect(vi.getTimerCount()).toBe(0);
    expect(layer.size).toBe(0);
  });

  it('transport refusal of the ACK: the TU gets the response, then the transport error', () => {
    const { user, invite } = start();
    wire.accept = false;
    layer.receiveResponse(responseTo(invite, 404, 'x'));
    expect(user.events).toEqual(['response 404', 'transport error', 'terminated']);
    expect(layer.size).toBe(0);
  });

  it('a TU that stops the transaction inside onResponse leaves no timer', () => {
    const { user, tx, invite } = start();
    user.onResponse = () => tx.stop();
    layer.receiveResponse(responseTo(invite, 200, 'x'));
    expect(tx.state).toBe('terminated');
    expect(vi.getTimerCount()).toBe(0);
  });
});
