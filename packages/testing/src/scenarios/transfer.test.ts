import { Causes } from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callScenario, establish } from './calls.fixture.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('transfer (RFC 3515 REFER, RFC 3891 Replaces)', () => {
  it('blind transfer: the transferee calls the target and NOTIFYs progress to the transferor', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob', 'carol']);
    const [aliceToBob, bobFromAlice] = await establish(uas.alice!, uas.bob!, 'bob');
    bobFromAlice.on('refer', (refer) => {
      expect(refer.target).toBe('sip:carol@sip.test');
      refer.accept();
    });
    const progress: string[] = [];
    aliceToBob.on('referProgress', ({ status, final }) =>
      progress.push(`${status}${final ? '!' : ''}`),
    );
    const status = aliceToBob.refer('carol');
    await expect(status).resolves.toBe(202);
    await vi.waitFor(() => expect(uas.carol!.sessions).toHaveLength(1));
    const carolSession = uas.carol!.last();
    expect(carolSession.remoteIdentity.uri).toBe('sip:bob@sip.test');
    carolSession.answer();
    await vi.waitFor(() => expect(progress.at(-1)).toBe('200!'));
    expect(progress[0]).toBe('100');
    expect(sent('REFER')[0]!.header('refer-to')).toBe('<sip:carol@sip.test>');
    expect(sent('NOTIFY')[0]!.header('event')).toBe('refer');
    expect(sent('INVITE').at(-1)!.header('referred-by')).toBe('<sip:alice@sip.test>');
    aliceToBob.terminate();
    await vi.waitFor(() => expect(bobFromAlice.isEnded()).toBe(true));
    expect(carolSession.status).toBe('confirmed');
    carolSession.terminate();
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('declines a REFER with 603 when the app does not listen for it', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob']);
    const [aliceToBob] = await establish(uas.alice!, uas.bob!, 'bob');
    await expect(aliceToBob.refer('carol')).resolves.toBe(603);
    aliceToBob.terminate();
    await stopAll();
  });

  it('reports a failed transfer with a final NOTIFY carrying the failure status', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob', 'carol']);
    const [aliceToBob, bobFromAlice] = await establish(uas.alice!, uas.bob!, 'bob');
    bobFromAlice.on('refer', (refer) => refer.accept());
    const finals: number[] = [];
    aliceToBob.on('referProgress', ({ status, final }) => final && finals.push(status));
    await aliceToBob.refer('carol');
    await vi.waitFor(() => expect(uas.carol!.sessions).toHaveLength(1));
    uas.carol!.last().terminate({ status_code: 486 });
    await vi.waitFor(() => expect(finals).toEqual([486]));
    aliceToBob.terminate();
    await stopAll();
  });

  it('attended transfer: bob replaces alice in the call with carol', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob', 'carol']);
    const [aliceToBob, bobFromAlice] = await establish(uas.alice!, uas.bob!, 'bob');
    await aliceToBob.hold();
    const [aliceToCarol, carolFromAlice] = await establish(uas.alice!, uas.carol!, 'carol');
    bobFromAlice.on('refer', (refer) => {
      expect(refer.replaces).toBeDefined();
      refer.accept();
    });
    const replaced = vi.fn();
    carolFromAlice.on('replaces', replaced);
    await expect(aliceToBob.refer(aliceToCarol)).resolves.toBe(202);
    const invite = await vi.waitFor(() => {
      const withReplaces = sent('INVITE').find((m) => m.hasHeader('replaces'));
      expect(withReplaces).toBeDefined();
      return withReplaces!;
    });
    const id = aliceToCarol.dialogId!;
    expect(invite.parsed('replaces')).toMatchObject({
      callId: id.callId,
      toTag: id.remoteTag,
      fromTag: id.localTag,
    });
    // Carol's UA answers the replacing call itself and hangs up on alice.
    await vi.waitFor(() => expect(aliceToCarol.isEnded()).toBe(true));
    expect(replaced).toHaveBeenCalledOnce();
    expect(aliceToCarol.cause).toBe(Causes.BYE);
    const carolToBob = uas.carol!.last();
    expect(carolToBob.remoteIdentity.uri).toBe('sip:bob@sip.test');
    expect(carolToBob.status).toBe('confirmed');
    aliceToBob.terminate();
    carolToBob.terminate();
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('answers an INVITE whose Replaces names no dialog with 481', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob']);
    const outgoing = uas.alice!.ua.call('bob', {
      extraHeaders: ['Replaces: nope@x;to-tag=1;from-tag=2'],
    });
    const failed = vi.fn();
    outgoing.on('failed', failed);
    await vi.waitFor(() => expect(outgoing.isEnded()).toBe(true));
    expect(outgoing.cause).toBe(Causes.SIP_FAILURE_CODE);
    expect(failed.mock.calls[0]![0].message.status).toBe(481);
    expect(uas.bob!.sessions).toHaveLength(0);
    await stopAll();
  });
});
