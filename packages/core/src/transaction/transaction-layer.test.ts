import { describe, expect, it, vi } from 'vitest';
import { createResponse, parseMessage, type IncomingResponse } from '../message/index.js';
import { TransactionLayer } from './transaction-layer.js';
import type { FakeWire } from './testing/wire.js';
import {
  useFakeLayer,
  incomingRequest,
  outgoingRequest,
  recordingClientUser,
  recordingServerUser,
  responseTo,
} from './testing/wire.js';

/** A response to the layer's request with its top Via or CSeq method rewritten. */
function tampered(sentText: string, edit: (text: string) => string): IncomingResponse {
  const text = edit(responseTo(sentText, 200, 'x').raw);
  const response = parseMessage(text);
  if (response.kind !== 'response') throw new Error('not a response');
  return response;
}

describe('TransactionLayer', () => {
  let wire: FakeWire;
  let layer: TransactionLayer;

  useFakeLayer((w, l) => {
    wire = w;
    layer = l;
  });

  describe('connectionLost', () => {
    it('fails client transactions still waiting for a final response, and only those', () => {
      const waiting = recordingClientUser();
      const invite = recordingClientUser();
      const answered = recordingClientUser();
      layer.createClientTransaction(outgoingRequest('OPTIONS'), waiting);
      layer.createClientTransaction(outgoingRequest('INVITE'), invite);
      const accepted = layer.createClientTransaction(outgoingRequest('INVITE', 2), answered);
      layer.receiveResponse(responseTo(wire.sent[2]!, 200, 'callee'));
      expect(accepted.state).toBe('accepted');
      layer.connectionLost();
      expect(waiting.events).toContain('transport error');
      expect(invite.events).toContain('transport error');
      expect(answered.events).not.toContain('transport error');
      expect(accepted.state).toBe('accepted');
    });
  });

  describe('client requests', () => {
    it('adds a fresh random z9hG4bK branch to the caller’s top Via, keeping its parameters', () => {
      const a = layer.createClientTransaction(outgoingRequest('OPTIONS'), recordingClientUser());
      const b = layer.createClientTransaction(outgoingRequest('OPTIONS'), recordingClientUser());
      expect(a.branch).toMatch(/^z9hG4bK[A-Za-z0-9_-]{20}$/);
      expect(a.branch).not.toBe(b.branch);
      const via = wire.request(0).headers('via');
      expect(via).toEqual([`SIP/2.0/WSS a1b2c3.invalid;branch=${a.branch};rport`]);
      expect(a.request.headers.find(([name]) => name === 'Via')?.[1]).toBe(via[0]);
    });

    it('refuses ACK, CANCEL, a Via with a branch, a missing Via, a CSeq method mismatch', () => {
      const user = recordingClientUser();
      const base = outgoingRequest('OPTIONS');
      const withHeaders = (
        edit: (name: string, value: string) => [string, string] | undefined,
      ) => ({
        ...base,
        headers: base.headers.flatMap(([name, value]) => {
          const entry = edit(name, value);
          return entry === undefined ? [] : [entry];
        }),
      });
      expect(() => layer.createClientTransaction(outgoingRequest('ACK'), user)).toThrow(TypeError);
      expect(() => layer.createClientTransaction(outgoingRequest('CANCEL'), user)).toThrow(
        TypeError,
      );
      expect(() =>
        layer.createClientTransaction(
          withHeaders((name, value) => [
            name,
            name === 'Via' ? `${value};branch=z9hG4bKmine` : value,
          ]),
          user,
        ),
      ).toThrow(TypeError);
      expect(() =>
        layer.createClientTransaction(
          withHeaders((name, value) => (name === 'Via' ? undefined : [name, value])),
          user,
        ),
      ).toThrow(TypeError);
      expect(() =>
        layer.createClientTransaction(
          withHeaders((name, value) => [name, name === 'CSeq' ? '1 INFO' : value]),
          user,
        ),
      ).toThrow(TypeError);
      expect(() => layer.createInviteClientTransaction(outgoingRequest('OPTIONS'), user)).toThrow(
        TypeError,
      );
      expect(wire.sent).toEqual([]);
      expect(layer.size).toBe(0);
    });

    it('createClientTransaction gives an INVITE client transaction for INVITE', () => {
      const tx = layer.createClientTransaction(outgoingRequest('INVITE'), recordingClientUser());
      expect(tx.kind).toBe('invite-client');
      expect(tx.state).toBe('calling');
    });
  });

  describe('matching responses (RFC 3261 §17.1.3)', () => {
    it('matches on top Via branch and CSeq method', () => {
      const user = recordingClientUser();
      const tx = layer.createClientTransaction(outgoingRequest('OPTIONS'), user);
      const sent = wire.sent[0] ?? '';
      const wrongBranch = tampered(sent, (text) => text.replace(tx.branch, 'z9hG4bKnotmine'));
      const wrongMethod = tampered(sent, (text) => text.replace('CSeq: 1 OPTIONS', 'CSeq: 1 INFO'));
      const noBranch = tampered(sent, (text) => text.replace(`;branch=${tx.branch}`, ''));
      expect(layer.receiveResponse(wrongBranch)).toBeUndefined();
      expect(layer.receiveResponse(wrongMethod)).toBeUndefined();
      expect(layer.receiveResponse(noBranch)).toBeUndefined();
      expect(user.events).toEqual([]);
      expect(layer.receiveResponse(responseTo(sent, 200, 'x'))).toBe(tx);
    });

    it('keeps apart an INVITE and the CANCEL that shares its branch', () => {
      const invite = layer.createInviteClientTransaction(
        outgoingRequest('INVITE'),
        recordingClientUser(),
      );
      layer.receiveResponse(responseTo(wire.sent[0] ?? '', 180, 'x'));
      invite.cancel();
      const cancelOk = responseTo(wire.sent[1] ?? '', 200, 'x');
      expect(cancelOk.via[0]?.branch).toBe(invite.branch);
      expect(layer.receiveResponse(cancelOk)?.method).toBe('CANCEL');
      expect(invite.state).toBe('proceeding');
    });
  });

  describe('matching requests (RFC 3261 §17.2.3)', () => {
    it('matches a retransmission on branch, sent-by and method', () => {
      const tx = layer.createServerTransaction(incomingRequest({ method: 'OPTIONS' }));
      expect(layer.receiveRequest(incomingRequest({ method: 'OPTIONS' }))).toBe(tx);
      expect(
        layer.receiveRequest(incomingRequest({ method: 'OPTIONS', sentBy: 'PROXY.example:443' })),
      ).toBe(tx); // host compared case-insensitively
      for (const other of [
        incomingRequest({ method: 'OPTIONS', branch: 'z9hG4bKother' }),
        incomingRequest({ method: 'OPTIONS', sentBy: 'proxy.example:444' }),
        incomingRequest({ method: 'OPTIONS', sentBy: 'proxy.example' }),
        incomingRequest({ method: 'INFO' }),
      ]) {
        expect(layer.receiveRequest(other)).toBeUndefined();
      }
    });

    it('matches an ACK to the INVITE transaction, not to others', () => {
      const invite = incomingRequest({ method: 'INVITE' });
      const tx = layer.createServerTransaction(invite);
      const ackOf = (init: { branch?: string; sentBy?: string }) =>
        incomingRequest({ method: 'ACK', cseqMethod: 'ACK', toTag: 'me', ...init });
      tx.respond(createResponse(invite, 404, undefined, { toTag: 'me' }));
      expect(layer.receiveRequest(ackOf({ branch: 'z9hG4bKother' }))).toBeUndefined();
      expect(layer.receiveRequest(ackOf({ sentBy: 'elsewhere.example' }))).toBeUndefined();
      expect(tx.state).toBe('completed');
      expect(layer.receiveRequest(ackOf({}))).toBe(tx);
      expect(tx.state).toBe('terminated');
    });

    it('an ACK never matches a non-INVITE transaction with the same branch', () => {
      layer.createServerTransaction(incomingRequest({ method: 'OPTIONS' }));
      expect(
        layer.receiveRequest(incomingRequest({ method: 'ACK', cseqMethod: 'ACK' })),
      ).toBeUndefined();
    });

    it('requests without the z9hG4bK cookie never match (no RFC 2543 fallback)', () => {
      const old = incomingRequest({ method: 'OPTIONS', branch: '1234' });
      const tx = layer.createServerTransaction(old);
      expect(layer.receiveRequest(old)).toBeUndefined();
      expect(layer.size).toBe(1);
      tx.respond(createResponse(old, 200, undefined, { toTag: 'me' }));
      expect(layer.size).toBe(0);
    });

    it('refuses ACK and a request a live transaction already owns', () => {
      expect(() =>
        layer.createServerTransaction(incomingRequest({ method: 'ACK', cseqMethod: 'ACK' })),
      ).toThrow(TypeError);
      layer.createServerTransaction(incomingRequest({ method: 'INVITE' }));
      expect(() => layer.createServerTransaction(incomingRequest({ method: 'INVITE' }))).toThrow(
        Error,
      );
    });
  });

  describe('lifecycle', () => {
    it('is empty after complete client and server flows', () => {
      const options = layer.createClientTransaction(
        outgoingRequest('OPTIONS'),
        recordingClientUser(),
      );
      const invite = layer.createInviteClientTransaction(
        outgoingRequest('INVITE', 2),
        recordingClientUser(),
      );
      const incoming = incomingRequest({ method: 'INVITE' });
      const server = layer.createServerTransaction(incoming, recordingServerUser());
      const bye = incomingRequest({ method: 'BYE', branch: 'z9hG4bKbye' });
      const byeTx = layer.createServerTransaction(bye);
      expect(layer.size).toBe(4);

      layer.receiveResponse(responseTo(wire.request(0).raw, 200, 'x'));
      layer.receiveResponse(responseTo(wire.request(1).raw, 200, 'y'));
      server.respond(createResponse(incoming, 200, undefined, { toTag: 'me' }));
      byeTx.respond(createResponse(bye, 200));
      expect([options.state, invite.state, server.state, byeTx.state]).toEqual([
        'terminated',
        'accepted',
        'accepted',
        'terminated',
      ]);
      vi.advanceTimersByTime(64 * 500);
      expect(layer.size).toBe(0);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('stop() terminates everything, clears every timer, and refuses new work', () => {
      const clientUser = recordingClientUser();
      const serverUser = recordingServerUser();
      layer.createInviteClientTransaction(outgoingRequest('INVITE'), clientUser);
      layer.createClientTransaction(outgoingRequest('OPTIONS', 2), recordingClientUser());
      const incoming = incomingRequest({ method: 'INVITE' });
      const server = layer.createServerTransaction(incoming, serverUser);
      server.respond(createResponse(incoming, 486));
      expect(vi.getTimerCount()).toBe(3); // B, F, H
      layer.stop();
      expect(vi.getTimerCount()).toBe(0);
      expect(layer.size).toBe(0);
      expect(clientUser.events).toEqual(['terminated']);
      expect(serverUser.events).toEqual(['terminated']);
      expect(() =>
        layer.createClientTransaction(outgoingRequest('OPTIONS'), recordingClientUser()),
      ).toThrow(Error);
      expect(() => layer.createServerTransaction(incomingRequest({ method: 'OPTIONS' }))).toThrow(
        Error,
      );
      expect(layer.receiveResponse(responseTo(wire.request(0).raw, 200, 'x'))).toBeUndefined();
    });

    it('exposes the resolved timers', () => {
      expect(layer.timers.timerB).toBe(32_000);
      expect(new TransactionLayer({ send: wire.send, timers: { t1: 1000 } }).timers.timerH).toBe(
        64_000,
      );
    });
  });
});
