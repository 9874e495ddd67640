import { describe, expect, it, vi } from 'vitest';
import { createResponse, SipSerializeError } from '../message/index.js';
import type { TransactionLayer } from './transaction-layer.js';
import type { FakeWire } from './testing/wire.js';
import {
  useFakeLayer,
  incomingRequest,
  outgoingRequest,
  recordingClientUser,
  recordingServerUser,
  responseTo,
} from './testing/wire.js';

describe('CANCEL on the client side (RFC 3261 §9.1)', () => {
  let wire: FakeWire;
  let layer: TransactionLayer;

  useFakeLayer((w, l) => {
    wire = w;
    layer = l;
  });

  function start() {
    const user = recordingClientUser();
    const tx = layer.createInviteClientTransaction(outgoingRequest('INVITE'), user);
    return { user, tx, invite: wire.sent[0] ?? '' };
  }

  it('builds the CANCEL from the INVITE: §9.1 fields, Reason appended', () => {
    const { tx, invite } = start();
    layer.receiveResponse(responseTo(invite, 180, 'uas'));
    expect(tx.cancel([['Reason', 'SIP;cause=487;text="Cancelled"']])).toBe('sent');
    const cancel = wire.request(1);
    const sentInvite = wire.request(0);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.requestUri).toBe(sentInvite.requestUri);
    expect(cancel.callId).toBe(sentInvite.callId);
    expect(cancel.header('from')).toBe(sentInvite.header('from'));
    expect(cancel.header('to')).toBe(sentInvite.header('to')); // no To-tag from the 180
    expect(cancel.cseq).toEqual({ seq: 1, method: 'CANCEL' });
    expect(cancel.headers('via')).toEqual([sentInvite.headers('via')[0]]);
    expect(cancel.headers('route')).toEqual(sentInvite.headers('route'));
    expect(cancel.header('max-forwards')).toBe('70');
    expect(cancel.header('reason')).toBe('SIP;cause=487;text="Cancelled"');
    expect(cancel.body).toBe('');
    expect(cancel.hasHeader('contact')).toBe(false);
  });

  it('before any provisional response: deferred until the first 1xx', () => {
    const { tx, invite } = start();
    expect(tx.cancel()).toBe('deferred');
    expect(wire.sent).toHaveLength(1);
    expect(tx.cancel()).toBe('ignored'); // one CANCEL per INVITE
    layer.receiveResponse(responseTo(invite, 100));
    expect(wire.sent).toHaveLength(2);
    expect(wire.request(1).method).toBe('CANCEL');
    layer.receiveResponse(responseTo(invite, 180, 'uas'));
    expect(wire.sent).toHaveLength(2);
  });

  it('a deferred CANCEL is dropped when a final response comes first', () => {
    const { user, tx, invite } = start();
    tx.cancel();
    layer.receiveResponse(responseTo(invite, 486, 'uas'));
    expect(wire.sent.map((text) => text.split(' ')[0])).toEqual(['INVITE', 'ACK']);
    expect(user.events).toEqual(['response 486', 'terminated']);
  });

  it('a deferred CANCEL is dropped when a 2xx comes first', () => {
    const { tx, invite } = start();
    tx.cancel();
    layer.receiveResponse(responseTo(invite, 200, 'uas'));
    layer.receiveResponse(responseTo(invite, 180, 'other'));
    expect(wire.sent).toHaveLength(1);
  });

  it('is never sent after a final response', () => {
    const { tx, invite } = start();
    layer.receiveResponse(responseTo(invite, 180, 'uas'));
    layer.receiveResponse(responseTo(invite, 200, 'uas'));
    expect(tx.cancel()).toBe('ignored');
    expect(wire.sent).toHaveLength(1);
  });

  it('runs as its own transaction: its 200 does not reach the INVITE; 487 ends the INVITE', () => {
    const { user, tx, invite } = start();
    layer.receiveResponse(responseTo(invite, 180, 'uas'));
    tx.cancel();
    const cancel = wire.sent[1] ?? '';
    expect(layer.size).toBe(2);
    const cancelTx = layer.receiveResponse(responseTo(cancel, 200, 'uas'));
    expect(cancelTx?.kind).toBe('non-invite-client');
    expect(cancelTx?.method).toBe('CANCEL');
    expect(cancelTx?.state).toBe('terminated');
    expect(tx.state).toBe('proceeding');
    layer.receiveResponse(responseTo(invite, 487, 'uas'));
    expect(user.events).toEqual(['response 180', 'response 487', 'terminated']);
    expect(wire.request(-1).method).toBe('ACK');
    expect(layer.size).toBe(0);
  });

  it('no final response 64*T1 after the CANCEL: the INVITE times out (§9.1)', () => {
    const { user, tx, invite } = start();
    layer.receiveResponse(responseTo(invite, 180, 'uas'));
    vi.advanceTimersByTime(100_000);
    tx.cancel();
    vi.advanceTimersByTime(64 * 500 - 1);
    expect(tx.state).toBe('proceeding');
    vi.advanceTimersByTime(1);
    expect(user.events).toEqual(['response 180', 'timeout', 'terminated']);
    expect(layer.size).toBe(0); // the CANCEL transaction's Timer F ended it too
  });

  it('refuses extra headers that cannot be serialized, at once', () => {
    const { tx } = start();
    expect(() => tx.cancel([['Reason', 'x\r\nInjected: 1']])).toThrow(SipSerializeError);
    expect(tx.cancel()).toBe('deferred');
  });
});

describe('CANCEL on the server side (RFC 3261 §9.2)', () => {
  let wire: FakeWire;
  let layer: TransactionLayer;

  useFakeLayer((w, l) => {
    wire = w;
    layer = l;
  });

  it('finds the INVITE server transaction with the same branch and sent-by', () => {
    const invite = layer.createServerTransaction(incomingRequest({ method: 'INVITE' }));
    const cancel = incomingRequest({ method: 'CANCEL' });
    // The CANCEL is not a retransmission of anything: the UA core gets it.
    expect(layer.receiveRequest(cancel)).toBeUndefined();
    expect(layer.matchCancel(cancel)).toBe(invite);
  });

  it('no match for another branch or sent-by, or once the INVITE transaction is gone', () => {
    const user = recordingServerUser();
    const invite = layer.createServerTransaction(incomingRequest({ method: 'INVITE' }), user);
    expect(
      layer.matchCancel(incomingRequest({ method: 'CANCEL', branch: 'z9hG4bKother' })),
    ).toBeUndefined();
    expect(
      layer.matchCancel(incomingRequest({ method: 'CANCEL', sentBy: 'proxy.example:444' })),
    ).toBeUndefined();
    invite.stop();
    expect(layer.matchCancel(incomingRequest({ method: 'CANCEL' }))).toBeUndefined();
  });

  it('does not match a non-INVITE transaction with the same branch', () => {
    layer.createServerTransaction(incomingRequest({ method: 'OPTIONS' }));
    expect(layer.matchCancel(incomingRequest({ method: 'CANCEL' }))).toBeUndefined();
  });

  it('the core answers 487 and 200 through the transactions; the CANCEL has its own', () => {
    const inviteRequest = incomingRequest({ method: 'INVITE' });
    const invite = layer.createServerTransaction(inviteRequest);
    const cancelRequest = incomingRequest({ method: 'CANCEL' });
    const cancelTx = layer.createServerTransaction(cancelRequest);
    const target = layer.matchCancel(cancelRequest);
    expect(target).toBe(invite);
    expect(target?.state).toBe('proceeding');
    expect(cancelTx.respond(createResponse(cancelRequest, 200, undefined, { toTag: 'me' }))).toBe(
      true,
    );
    expect(target?.respond(createResponse(inviteRequest, 487, undefined, { toTag: 'me' }))).toBe(
      true,
    );
    const [cancelOk, terminated] = [wire.response(-2), wire.response(-1)];
    expect([cancelOk.status, cancelOk.cseq.method]).toEqual([200, 'CANCEL']);
    expect([terminated.status, terminated.cseq.method]).toEqual([487, 'INVITE']);
    expect(layer.receiveRequest(incomingRequest({ method: 'ACK', cseqMethod: 'ACK' }))).toBe(
      invite,
    );
    expect(invite.state).toBe('terminated');
    expect(layer.size).toBe(0);
    expect(() => layer.matchCancel(inviteRequest)).toThrow(TypeError);
  });
});
