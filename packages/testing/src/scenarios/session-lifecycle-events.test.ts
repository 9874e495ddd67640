import { Causes, type PeerConnectionLike, type SessionEvents } from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userDeniedMediaError } from '../media/fake-media-handler.js';
import { callScenario, establish } from './calls.fixture.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('session lifecycle events (what a UI is built from)', () => {
  it('an outgoing call emits connecting with the INVITE, then sending', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob']);
    const order: string[] = [];
    const connecting = vi.fn((_event: SessionEvents['connecting']) => order.push('connecting'));
    const outgoing = uas.alice!.ua.call('bob', {
      eventHandlers: { connecting, sending: () => order.push('sending') },
    });
    await vi.waitFor(() => expect(outgoing.status).toBe('ringing'));
    expect(order).toEqual(['connecting', 'sending']);
    const request = connecting.mock.calls[0]![0].request;
    expect(request.method).toBe('INVITE');
    expect(request.body).toBe(sent('INVITE')[0]!.body);
    await stopAll();
  });

  it('hanging up in connecting sends no INVITE', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob']);
    const outgoing = uas.alice!.ua.call('bob', {
      eventHandlers: { connecting: () => outgoing.terminate() },
    });
    await vi.waitFor(() => expect(outgoing.isEnded()).toBe(true));
    expect(outgoing.cause).toBe(Causes.CANCELED);
    expect(sent('INVITE')).toHaveLength(0);
    await stopAll();
  });

  it('a local SDP changed by an sdp listener is what goes on the wire (offer and answer)', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob']);
    const mark = (line: string) => (event: SessionEvents['sdp']) => {
      if (event.originator === 'local') event.sdp += `${line}\r\n`;
    };
    const outgoing = uas.alice!.ua.call('bob', { eventHandlers: { sdp: mark('a=x-caller') } });
    await vi.waitFor(() => expect(uas.bob!.sessions).toHaveLength(1));
    const incoming = uas.bob!.last();
    const remote: string[] = [];
    incoming.on('sdp', (event) => {
      if (event.originator === 'remote') remote.push(event.sdp);
    });
    incoming.on('sdp', mark('a=x-callee'));
    incoming.answer();
    await vi.waitFor(() => expect(outgoing.status).toBe('confirmed'));
    expect(sent('INVITE')[0]!.body).toMatch(/a=x-caller\r\n$/);
    expect(uas.alice!.media.handlers[0]!.remoteSdp).toMatch(/a=x-callee\r\n$/);
    expect(remote[0]).toMatch(/a=x-caller/);
    await stopAll();
  });

  it('a remote SDP changed by an sdp listener is what WebRTC gets', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob']);
    uas.alice!.ua.call('bob');
    await vi.waitFor(() => expect(uas.bob!.sessions).toHaveLength(1));
    const incoming = uas.bob!.last();
    incoming.on('sdp', (event) => {
      if (event.originator === 'remote') event.sdp += 'a=x-rewritten\r\n';
    });
    incoming.answer();
    await vi.waitFor(() => expect(incoming.status).toBe('confirmed'));
    expect(uas.bob!.media.handlers[0]!.remoteSdp).toMatch(/a=x-rewritten\r\n$/);
    await stopAll();
  });

  it('getUserMediaFailed comes before failed with User Denied Media Access', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob']);
    const order: string[] = [];
    const outgoing = uas.alice!.ua.call('bob', {
      eventHandlers: {
        getUserMediaFailed: ({ error }) => order.push(`getUserMediaFailed:${error.name}`),
        peerConnectionFailed: () => order.push('peerConnectionFailed'),
        failed: ({ cause }) => order.push(`failed:${cause}`),
      },
    });
    uas.alice!.media.handlers[0]!.failNext('createOffer', userDeniedMediaError());
    await vi.waitFor(() => expect(outgoing.isEnded()).toBe(true));
    expect(order).toEqual([
      'getUserMediaFailed:NotAllowedError',
      `failed:${Causes.USER_DENIED_MEDIA_ACCESS}`,
    ]);
    await stopAll();
  });

  it('peerConnectionFailed names the WebRTC step, then the call fails as before', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob']);
    const outgoing = uas.alice!.ua.call('bob');
    await vi.waitFor(() => expect(uas.bob!.sessions).toHaveLength(1));
    const incoming = uas.bob!.last();
    const failed = vi.fn();
    incoming.on('peerConnectionFailed', failed);
    const error = Object.assign(new Error('no codec'), { name: 'OperationError' });
    incoming.answer(); // makes the handler; its createAnswer runs a tick later
    uas.bob!.media.handlers[0]!.failNext('createAnswer', error);
    await vi.waitFor(() => expect(outgoing.isEnded()).toBe(true));
    expect(failed).toHaveBeenCalledWith({ step: 'createAnswer', error });
    expect(incoming.cause).toBe(Causes.BAD_MEDIA_DESCRIPTION);
    await stopAll();
  });

  it('peerConnection and session.connection come from the media handler', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob']);
    const connection = { signalingState: 'stable' } as unknown as PeerConnectionLike;
    const seen = vi.fn();
    const outgoing = uas.alice!.ua.call('bob', { eventHandlers: { peerConnection: seen } });
    expect(outgoing.connection).toBeUndefined();
    const handler = uas.alice!.media.handlers[0]!;
    handler.connection = connection;
    handler.emit('peerconnection', { connection });
    expect(seen).toHaveBeenCalledWith({ connection });
    expect(outgoing.connection).toBe(connection);
    await stopAll();
  });

  it('icecandidate carries the candidate and a ready() that is safe to call', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob']);
    const [outgoing] = await establish(uas.alice!, uas.bob!, 'bob');
    const events: SessionEvents['icecandidate'][] = [];
    outgoing.on('icecandidate', (event) => events.push(event));
    const ready = vi.fn();
    uas.alice!.media.handlers[0]!.emit('icecandidate', { candidate: null, ready });
    uas.alice!.media.handlers[0]!.emit('icecandidate', { candidate: null });
    expect(events).toHaveLength(2);
    events[0]!.ready();
    expect(ready).toHaveBeenCalledTimes(1);
    expect(() => events[1]!.ready()).not.toThrow();
    await stopAll();
  });
});
