import { describe, expect, it, vi } from 'vitest';
import type { TransactionLayer } from '../transaction/index.js';
import {
  outgoingRequest,
  responseTo,
  useFakeLayer,
  type FakeWire,
} from '../transaction/testing/wire.js';
import type { AuthenticatingChannel } from '../ua/authenticating-channel.js';
import { InviteClient, type InviteClientUser } from './invite-client.js';

// The client only asks the channel for an authenticator and reports success here: no digest.
const noCredentials = {
  newAuthenticator: () => undefined,
  succeeded: () => undefined,
} as unknown as AuthenticatingChannel;

function recordingUser(): InviteClientUser & { readonly events: string[] } {
  const events: string[] = [];
  return {
    events,
    onProvisional: (response) => events.push(`provisional ${response.status}`),
    onSuccess: (response) => events.push(`success ${response.status}`),
    onFailure: (response) => events.push(`failure ${response.status}`),
    onNoResponse: (kind) => events.push(`no response: ${kind}`),
    onDone: () => events.push('done'),
  };
}

describe('InviteClient', () => {
  let wire: FakeWire;
  let layer: TransactionLayer;
  useFakeLayer((w, l) => {
    wire = w;
    layer = l;
  });

  function send() {
    const user = recordingUser();
    const client = new InviteClient(() => layer, noCredentials, outgoingRequest('INVITE'), user);
    client.start();
    return { user, invite: wire.sent[0] ?? '' };
  }

  // A call lasts far longer than its INVITE: the call lets the client (request, transaction,
  // challenge) go on `onDone`, so it must come once nothing more can arrive, and not before.
  it('is done once the 2xx transaction ends (Timer M, RFC 6026), not at the 2xx', () => {
    const { user, invite } = send();
    layer.receiveResponse(responseTo(invite, 180, 'callee'));
    layer.receiveResponse(responseTo(invite, 200, 'callee'));
    expect(user.events).toEqual(['provisional 180', 'success 200']);
    vi.advanceTimersByTime(31_999);
    layer.receiveResponse(responseTo(invite, 200, 'callee')); // a retransmission still arrives
    expect(user.events).toEqual(['provisional 180', 'success 200', 'success 200']);
    vi.advanceTimersByTime(1);
    expect(user.events.at(-1)).toBe('done');
    expect(layer.size).toBe(0);
  });

  it('is done after a final failure, reported first', () => {
    const { user, invite } = send();
    layer.receiveResponse(responseTo(invite, 486, 'callee'));
    expect(user.events).toEqual(['failure 486', 'done']);
  });

  it('is not done while the INVITE goes unanswered, and done after Timer B', () => {
    const { user } = send();
    vi.advanceTimersByTime(31_999);
    expect(user.events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(user.events).toEqual(['no response: timeout', 'done']);
  });
});
