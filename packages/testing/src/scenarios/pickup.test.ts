import {
  buildDialogInfo,
  busyLampOf,
  Causes,
  DIALOG_INFO_CONTENT_TYPE,
  InvalidOptionError,
  parseDialogInfo,
  pickup,
  subscriptions,
  type BusyLamp,
  type Session,
  type UA,
} from '@sipkit/core';
import { describe, expect, it, vi } from 'vitest';
import { callScenario, establish, flush, type CallUA } from './calls.fixture.js';
import { fakeTimersForEachTest } from './fake-timers.fixture.js';

fakeTimersForEachTest();

/**
 * Bob's busy lamp, served by bob's own UA (as a PBX would from the calls it sees): RFC 4235
 * dialog-info of his ringing calls, from his side (local = bob, remote = the caller).
 */
function serveLamp(bob: CallUA): void {
  const events = subscriptions(bob.ua);
  const ringing = new Set<Session>();
  const body = (version: number) =>
    buildDialogInfo({
      entity: 'sip:bob@sip.test',
      version,
      dialogs: [...ringing].map((session, i) => ({
        id: `d${i}`,
        callId: session.dialogId?.callId,
        localTag: session.dialogId?.localTag,
        remoteTag: session.dialogId?.remoteTag,
        direction: 'recipient' as const,
        state: 'early' as const,
        remote: {
          identity: session.remoteIdentity.uri,
          displayName: undefined,
          target: undefined,
        },
      })),
    });
  const notifiers: Array<{ notify(body: string): void }> = [];
  let version = 0;
  const publish = () => notifiers.forEach((n) => n.notify(body(++version)));
  bob.ua.on('newSubscribe', ({ event, request }) => {
    if (event.type !== 'dialog') return;
    const notifier = events.notify(request, DIALOG_INFO_CONTENT_TYPE);
    notifiers.push(notifier);
    notifier.start();
    notifier.notify(body(++version));
  });
  bob.ua.on('newRTCSession', ({ session }) => {
    if (session.direction !== 'incoming') return;
    ringing.add(session);
    publish();
    const gone = () => {
      ringing.delete(session);
      publish();
    };
    session.once('accepted', gone);
    session.once('failed', gone);
  });
}

/** Carol's view of bob's lamp. */
function watchLamp(carol: UA): { lamp: BusyLamp | undefined } {
  const seen: { lamp: BusyLamp | undefined } = { lamp: undefined };
  const lamp = subscriptions(carol).subscribe('bob', 'dialog', DIALOG_INFO_CONTENT_TYPE);
  lamp.on('notify', ({ body }) => {
    if (body !== undefined) seen.lamp = busyLampOf(parseDialogInfo(body));
  });
  lamp.subscribe();
  return seen;
}

/** The final status a UA's INVITE got, read from its failed session. */
function finalStatus(session: Session): Promise<number | undefined> {
  return new Promise((resolve) =>
    session.once('failed', ({ message }) =>
      resolve(message?.kind === 'response' ? message.status : undefined),
    ),
  );
}

describe('call pickup (RFC 3891 Replaces, RFC 4235 dialog-info)', () => {
  it('bob rings, carol sees the lamp ringing with its ids, picks up, and talks to alice', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob', 'carol']);
    const { alice, bob, carol } = uas as Required<typeof uas>;
    serveLamp(bob!);
    const view = watchLamp(carol!.ua);
    await vi.waitFor(() => expect(view.lamp?.state).toBe('idle'));

    const aliceToBob = alice!.ua.call('bob');
    await vi.waitFor(() => expect(view.lamp?.state).toBe('ringing'));
    const bobFromAlice = bob!.last();
    const lamp = view.lamp as Extract<BusyLamp, { state: 'ringing' }>;
    expect(lamp.caller?.identity).toBe('sip:alice@sip.test');
    expect(lamp.dialog).toMatchObject({
      callId: aliceToBob.dialogId?.callId ?? bobFromAlice.dialogId?.callId,
      localTag: bobFromAlice.dialogId?.localTag,
      remoteTag: bobFromAlice.dialogId?.remoteTag,
    });

    const replaced = vi.fn();
    aliceToBob.on('replaces', replaced);
    const carolToAlice = pickup(carol!.ua, lamp.dialog);
    const invite = await vi.waitFor(() => {
      const withReplaces = sent('INVITE').find((m) => m.hasHeader('replaces'));
      expect(withReplaces).toBeDefined();
      return withReplaces!;
    });
    expect(invite.kind === 'request' && invite.ruri.user).toBe('alice');
    expect(invite.header('require')).toBe('replaces');
    expect(invite.parsed('replaces')).toEqual({
      callId: bobFromAlice.dialogId?.callId,
      toTag: bobFromAlice.dialogId?.remoteTag, // alice's tag
      fromTag: bobFromAlice.dialogId?.localTag, // bob's tag
      earlyOnly: true,
      params: expect.anything(),
    });

    // Alice's UA answers the pickup and cancels its INVITE to bob: bob stops ringing (487).
    await vi.waitFor(() => expect(carolToAlice.status).toBe('confirmed'));
    await vi.waitFor(() => expect(bobFromAlice.isEnded()).toBe(true));
    expect(bobFromAlice.cause).toBe(Causes.CANCELED);
    expect(aliceToBob.isEnded()).toBe(true);
    expect(replaced).toHaveBeenCalledOnce();
    const aliceFromCarol = alice!.last();
    expect(aliceFromCarol.remoteIdentity.uri).toBe('sip:carol@sip.test');
    expect(aliceFromCarol.status).toBe('confirmed');
    expect(sent('CANCEL')).toHaveLength(1);
    await vi.waitFor(() => expect(view.lamp?.state).toBe('idle'));

    carolToAlice.terminate();
    await vi.waitFor(() => expect(aliceFromCarol.isEnded()).toBe(true));
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the callee refuses a Replaces naming its own ringing call (481) and keeps ringing', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob', 'carol']);
    const { alice, bob, carol } = uas as Required<typeof uas>;
    const aliceToBob = alice!.ua.call('bob');
    await vi.waitFor(() => expect(bob!.last().status).toBe('ringing'));
    const ringing = bob!.last();
    const id = ringing.dialogId!;
    // RFC 3891 §3: an early dialog this UA did not initiate is not replaced here.
    const attempt = carol!.ua.call('bob', {
      extraHeaders: [`Replaces: ${id.callId};to-tag=${id.localTag};from-tag=${id.remoteTag}`],
    });
    await expect(finalStatus(attempt)).resolves.toBe(481);
    expect(ringing.status).toBe('ringing');
    expect(bob!.sessions).toHaveLength(1);
    aliceToBob.terminate();
    await stopAll();
  });

  it('early-only naming a call answered meanwhile gets 486 and the call goes on', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob', 'carol']);
    const { alice, bob, carol } = uas as Required<typeof uas>;
    const [aliceToBob] = await establish(alice!, bob!, 'bob');
    const id = aliceToBob.dialogId!;
    const attempt = carol!.ua.call('alice', {
      extraHeaders: [
        `Replaces: ${id.callId};to-tag=${id.localTag};from-tag=${id.remoteTag};early-only`,
      ],
    });
    await expect(finalStatus(attempt)).resolves.toBe(486);
    expect(aliceToBob.status).toBe('confirmed');
    aliceToBob.terminate();
    await stopAll();
  });

  it('two Replaces headers get 400 (RFC 3891 §3)', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob']);
    const { alice, bob } = uas as Required<typeof uas>;
    const attempt = alice!.ua.call('bob', {
      extraHeaders: ['Replaces: a@b;to-tag=1;from-tag=2', 'Replaces: c@d;to-tag=3;from-tag=4'],
    });
    await expect(finalStatus(attempt)).resolves.toBe(400);
    expect(bob!.sessions).toHaveLength(0);
    await stopAll();
  });

  it('pickup() refuses a dialog without its ids, or without a caller and a target', async () => {
    const { uas, stopAll } = await callScenario(['carol']);
    const ua = uas.carol!.ua;
    const noTags = { callId: 'c@x', localTag: undefined, remoteTag: 'a' };
    expect(() => pickup(ua, noTags)).toThrow(InvalidOptionError);
    const badTag = { callId: 'c@x', localTag: 'b\r\nVia: x', remoteTag: 'a' };
    expect(() => pickup(ua, badTag)).toThrow(expect.objectContaining({ parameter: 'dialog' }));
    const noCaller = { callId: 'c@x', localTag: 'b', remoteTag: 'a' };
    expect(() => pickup(ua, noCaller)).toThrow(expect.objectContaining({ parameter: 'target' }));
    expect(uas.carol!.sessions).toHaveLength(0);
    await flush();
    await stopAll();
  });
});
