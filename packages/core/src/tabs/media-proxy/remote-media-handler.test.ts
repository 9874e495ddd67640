import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MediaDescriptionError } from '../../media/media-handler.js';
import { fakeStream } from '../../media/testing/fake-media.js';
import { DEFAULT_MEDIA_RPC_TIMEOUT, createRemoteMediaHandler } from './remote-media-handler.js';
import { MediaTabGoneError } from './media-tab-gone-error.js';
import { serveMediaHandlers } from './serve-media-handlers.js';
import { mediaPortHub } from './testing/media-port-hub.js';
import { ScriptedMediaHandler } from './testing/scripted-media-handler.js';

// The owner tab's RemoteMediaHandler against a media tab's serveMediaHandlers over in-memory
// ports that deliver like BroadcastChannel (later, in order, structured clones).

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * Lets messages cross both ways and the handlers answer: a few channel hops. Each takes 1 ms of
 * fake time (a zero-delay timer set while fake timers run is due 1 ms later).
 */
async function flush(): Promise<void> {
  for (let hop = 0; hop < 4; hop++) await vi.advanceTimersByTimeAsync(1);
}

function setup() {
  const hub = mediaPortHub();
  const made: ScriptedMediaHandler[] = [];
  const server = serveMediaHandlers(hub.port('media'), (options) => {
    const handler = new ScriptedMediaHandler(options);
    made.push(handler);
    return handler;
  });
  const proxy = createRemoteMediaHandler(hub.port('owner'), 'media', 'call-1', {
    options: { mediaConstraints: { audio: true, video: false }, iceGatheringTimeout: 300 },
  });
  const real = (): ScriptedMediaHandler => {
    const handler = made[0];
    if (handler === undefined) throw new Error('no handler was made in the media tab');
    return handler;
  };
  return { hub, server, proxy, made, real };
}

/** Settles `promise` now, whatever it does, so a test can assert on the outcome. */
async function outcome<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const result: { value?: T; error?: unknown } = {};
  promise.then(
    (value) => void (result.value = value),
    (error: unknown) => void (result.error = error),
  );
  await flush();
  return result;
}

describe('RemoteMediaHandler with serveMediaHandlers', () => {
  it('makes the handler on the first request, with the options sent, and runs offer/answer there', async () => {
    const { proxy, made, server, real } = setup();
    const appeared: string[] = [];
    server.on('handler', ({ callKey }) => appeared.push(callKey));
    expect(made).toHaveLength(0);

    const offer = proxy.createOffer({ localHold: false, iceRestart: true });
    await flush();
    expect(await offer).toBe('offer {"localHold":false,"iceRestart":true}');
    expect(real().options).toEqual({
      mediaConstraints: { audio: true, video: false },
      iceGatheringTimeout: 300,
    });
    expect(appeared).toEqual(['call-1']);
    expect(server.handlerFor('call-1')).toBe(real());

    const applied = outcome(proxy.setRemoteDescription({ type: 'answer', sdp: 'v=0 remote' }));
    expect((await applied).error).toBeUndefined();
    const answer = outcome(proxy.createAnswer({ localHold: true }));
    expect((await answer).value).toBe('answer {"localHold":true}');
    await outcome(proxy.rollback());
    await outcome(proxy.replaceLocalMedia({ audio: { deviceId: 'headset' } }));
    expect(made).toHaveLength(1);
    expect(real().calls).toEqual([
      'createOffer {"localHold":false,"iceRestart":true}',
      'setRemoteDescription answer v=0 remote',
      'createAnswer {"localHold":true}',
      'rollback',
      'replaceLocalMedia {"audio":{"deviceId":"headset"}}',
    ]);
  });

  it('errors cross with their name; a bad remote SDP is a MediaDescriptionError again, after its failure event', async () => {
    const { proxy, real } = setup();
    await outcome(proxy.createOffer({ localHold: false }));
    const seen: string[] = [];
    proxy.on('failure', ({ step, error }) => seen.push(`failure ${step} ${error.name}`));

    real().fail('setRemoteDescription', new MediaDescriptionError('no m= line'));
    const bad = proxy.setRemoteDescription({ type: 'answer', sdp: 'garbage' });
    bad.catch((error: unknown) => seen.push(`rejected ${(error as Error).name}`));
    await flush();
    await expect(bad).rejects.toBeInstanceOf(MediaDescriptionError);
    await expect(bad).rejects.toThrow('no m= line');
    expect(seen).toEqual([
      'failure setRemoteDescription MediaDescriptionError',
      'rejected MediaDescriptionError',
    ]);

    const denied = new Error('Permission denied');
    denied.name = 'NotAllowedError';
    real().fail('createAnswer', denied);
    const answer = await outcome(proxy.createAnswer({ localHold: false }));
    expect(answer.error).toMatchObject({ name: 'NotAllowedError', message: 'Permission denied' });
  });

  it('getStats brings the numbers (no report); audioPacketsReceived the count the stall watch reads', async () => {
    const { proxy, real } = setup();
    await outcome(proxy.createOffer({ localHold: false }));
    const stats = await outcome(proxy.getStats());
    expect(stats.value).toEqual({ ...real().stats, report: undefined });
    real().audioPackets = 1234;
    expect((await outcome(proxy.audioPacketsReceived())).value).toBe(1234);
    real().audioPackets = undefined;
    expect((await outcome(proxy.audioPacketsReceived())).value).toBeUndefined();
  });

  it('sendDtmf: false until the media tab says tones can go, then sent there; its refusal is reported back', async () => {
    const { proxy, real } = setup();
    expect(proxy.sendDtmf('1')).toBe(false); // nothing said yet: the session uses SIP INFO
    await outcome(proxy.createOffer({ localHold: false }));
    expect(proxy.sendDtmf('5', { duration: 200 })).toBe(true);
    expect(() => proxy.sendDtmf('5', { duration: 10 })).toThrow(RangeError);
    await flush();
    expect(real().calls.at(-1)).toBe('sendDtmf 5 {"duration":200,"interToneGap":70}');

    real().dtmf = false; // the audio sender went away
    expect(proxy.sendDtmf('6')).toBe(true);
    await flush();
    expect(proxy.sendDtmf('7')).toBe(false);
    await flush();
    expect(real().calls.filter((call) => call.startsWith('sendDtmf'))).toHaveLength(2);
  });

  it('setMuted and createConnection are forwarded; the first command makes the handler', async () => {
    const { proxy, made, real } = setup();
    proxy.createConnection();
    proxy.setMuted('audio', true);
    await flush();
    expect(made).toHaveLength(1);
    expect(real().options.iceGatheringTimeout).toBe(300);
    expect(real().calls).toEqual(['createConnection', 'setMuted audio true']);
  });

  it("re-emits the media tab's ICE and connection states and failures; the remote stream as a notice", async () => {
    const { proxy, real } = setup();
    const seen: string[] = [];
    proxy.on('icestate', ({ state }) => seen.push(`ice ${state}`));
    proxy.on('connectionstate', ({ state }) => seen.push(`connection ${state}`));
    proxy.on('remotemedia', ({ audioTracks, videoTracks }) =>
      seen.push(`remote ${audioTracks}+${videoTracks}`),
    );
    proxy.on('remotestream', () => seen.push('remotestream')); // a stream cannot cross
    await outcome(proxy.createOffer({ localHold: false }));
    real().emitter.emit('icestate', { state: 'checking' });
    real().emitter.emit('icestate', { state: 'connected' });
    real().emitter.emit('connectionstate', { state: 'connected' });
    real().emitter.emit('remotestream', { stream: fakeStream('audio', 'video') });
    await flush();
    expect(seen).toEqual(['ice checking', 'ice connected', 'connection connected', 'remote 1+1']);
    expect(proxy.remoteMedia).toEqual({ audioTracks: 1, videoTracks: 1 });
    expect(proxy.remoteStream).toBeUndefined();
    expect(proxy.localStream).toBeUndefined();
    expect(proxy.connection).toBeUndefined();
  });

  it('mediaTabGone: pending and later calls reject with MediaTabGoneError; the media reports closed once', async () => {
    const { hub, proxy, real } = setup();
    await outcome(proxy.createOffer({ localHold: false }));
    const seen: string[] = [];
    proxy.on('mediatabgone', ({ reason }) => seen.push(`gone ${reason}`));
    proxy.on('icestate', ({ state }) => seen.push(`ice ${state}`));
    proxy.on('connectionstate', ({ state }) => seen.push(`connection ${state}`));
    real().hang('createOffer');
    const pending = proxy.createOffer({ localHold: true });
    pending.catch(() => undefined);
    await flush();
    hub.closeTab('media');
    proxy.mediaTabGone();
    proxy.mediaTabGone();
    const error = await pending.then(
      () => undefined,
      (rejected: unknown) => rejected,
    );
    expect(error).toBeInstanceOf(MediaTabGoneError);
    expect(error).toMatchObject({
      mediaTab: 'media',
      callKey: 'call-1',
      method: 'createOffer',
      reason: 'closed',
    });
    await expect(proxy.getStats()).rejects.toBeInstanceOf(MediaTabGoneError);
    expect(proxy.sendDtmf('1')).toBe(false);
    expect(seen).toEqual(['gone closed', 'ice closed', 'connection closed']);
    expect(proxy.gone).toBe('closed');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('no call hangs: unanswered past the timeout, the media tab counts as gone', async () => {
    const { proxy, real } = setup();
    await outcome(proxy.createOffer({ localHold: false }));
    const seen: string[] = [];
    proxy.on('mediatabgone', ({ reason }) => seen.push(reason));
    real().hang('replaceLocalMedia');
    const replaced = outcome(proxy.replaceLocalMedia({ audio: true }));
    await vi.advanceTimersByTimeAsync(DEFAULT_MEDIA_RPC_TIMEOUT - 10);
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    expect((await replaced).error).toMatchObject({
      name: 'MediaTabGoneError',
      reason: 'timeout',
      method: 'replaceLocalMedia',
    });
    expect(seen).toEqual(['timeout']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('answers clear their timers: nothing stays scheduled between calls', async () => {
    const { proxy } = setup();
    await outcome(proxy.createOffer({ localHold: false }));
    await outcome(proxy.getStats());
    expect(vi.getTimerCount()).toBe(0);
  });

  it('close() closes the handler in the media tab; a late request for the call does not make it again', async () => {
    const { hub, proxy, server, real, made } = setup();
    const gone: string[] = [];
    server.on('handlerclosed', ({ callKey }) => gone.push(callKey));
    await outcome(proxy.createOffer({ localHold: false }));
    real().hang('createAnswer');
    const pending = outcome(proxy.createAnswer({ localHold: false }));
    proxy.close();
    proxy.close();
    expect((await pending).error).toMatchObject({ name: 'InvalidStateError' });
    await flush();
    expect(real().closed).toBe(true);
    expect(gone).toEqual(['call-1']);
    expect(server.handlerFor('call-1')).toBeUndefined();
    await expect(proxy.createOffer({ localHold: false })).rejects.toThrow(/closed/);

    // A stale owner (or a replay) asks again for the ended call: refused, nothing made.
    const stale = createRemoteMediaHandler(hub.port('owner'), 'media', 'call-1');
    const late = outcome(stale.createOffer({ localHold: false }));
    await flush();
    expect((await late).error).toMatchObject({ name: 'InvalidStateError' });
    expect(made).toHaveLength(1);
  });

  it('a call closed before any media was asked for sends nothing', async () => {
    const { hub, proxy, made } = setup();
    proxy.close();
    await flush();
    expect(made).toHaveLength(0);
    expect(hub.log).toEqual([]);
  });

  it('a new owner (takeover) drives the same handler; events then go to it', async () => {
    const { hub, proxy, real } = setup();
    await outcome(proxy.createOffer({ localHold: false }));
    const next = createRemoteMediaHandler(hub.port('owner-2'), 'media', 'call-1');
    const seen: string[] = [];
    proxy.on('icestate', ({ state }) => seen.push(`old ${state}`));
    next.on('icestate', ({ state }) => seen.push(`new ${state}`));
    const offer = outcome(next.createOffer({ localHold: false, iceRestart: true }));
    expect((await offer).value).toContain('iceRestart');
    real().emitter.emit('icestate', { state: 'connected' });
    await flush();
    expect(seen).toEqual(['new connected']);
    expect(real().calls.filter((call) => call.startsWith('createOffer'))).toHaveLength(2);
  });

  it('server.close() closes every handler and stops serving', async () => {
    const { proxy, server, real } = setup();
    await outcome(proxy.createOffer({ localHold: false }));
    server.close();
    expect(real().closed).toBe(true);
    expect(server.callKeys()).toEqual([]);
    const ignored = outcome(proxy.getStats());
    await flush();
    expect(await ignored).toEqual({}); // unanswered (until the timeout makes the tab gone)
    await vi.advanceTimersByTimeAsync(DEFAULT_MEDIA_RPC_TIMEOUT);
    expect((await ignored).error).toBeInstanceOf(MediaTabGoneError);
  });
});
