// Issue 19, finding 10: bad input to the API fails at the call, typed and naming the option,
// with nothing sent and nothing changed. Before, CRLF in extraHeaders failed at send time as
// "Connection Error", sendInfo resolved 0, INFO DTMF sent nothing, terminate ended the call
// locally without a BYE, and a Via or Call-ID in extraHeaders went out as a second copy.
import { InvalidOptionError } from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callScenario, establish, flush, WAIT } from './calls.fixture.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const INJECTION = 'X-Note: hi\r\nVia: SIP/2.0/WSS evil.invalid';

function optionError(run: () => unknown): InvalidOptionError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidOptionError) return error;
    throw error;
  }
  throw new Error('expected an InvalidOptionError');
}

describe('API input is checked at the call', () => {
  it('ua.call refuses CRLF and stack-owned headers before any session or INVITE exists', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob']);
    const alice = uas['alice']!;
    for (const [extraHeaders, parameter] of [
      [[INJECTION], 'extraHeaders[0]'],
      [['X-Ok: 1', 'Via: SIP/2.0/WSS second.invalid'], 'extraHeaders[1]'],
      [['i: another-call-id'], 'extraHeaders[0]'],
    ] as const) {
      const error = optionError(() => alice.ua.call('bob', { extraHeaders }));
      expect(error.parameter).toBe(parameter);
    }
    await flush();
    expect(alice.sessions).toHaveLength(0);
    expect(sent('INVITE')).toHaveLength(0);
    await stopAll();
  });

  it('terminate with a bad header throws and the call stays up; a good terminate then sends BYE', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob']);
    const [outgoing, incoming] = await establish(uas['alice']!, uas['bob']!, 'bob');
    expect(optionError(() => outgoing.terminate({ extraHeaders: [INJECTION] })).parameter).toBe(
      'extraHeaders[0]',
    );
    expect(optionError(() => outgoing.terminate({ extraHeaders: ['CSeq: 9 BYE'] })).parameter).toBe(
      'extraHeaders[0]',
    );
    await flush();
    expect([outgoing.status, incoming.status]).toEqual(['confirmed', 'confirmed']);
    expect(sent('BYE')).toHaveLength(0);
    outgoing.terminate({ extraHeaders: ['X-Why: done'] });
    await vi.waitFor(() => expect(incoming.isEnded()).toBe(true), WAIT);
    expect(sent('BYE').map((bye) => bye.header('x-why'))).toEqual(['done']);
    await stopAll();
  });

  it('an unanswered call refuses a reason phrase that would break the status line', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob']);
    const outgoing = uas['alice']!.ua.call('bob');
    await vi.waitFor(() => expect(uas['bob']!.sessions.at(-1)?.status).toBe('ringing'), WAIT);
    const incoming = uas['bob']!.last();
    const error = optionError(() =>
      incoming.terminate({ status_code: 486, reason_phrase: 'Busy\r\nVia: x' }),
    );
    expect(error.parameter).toBe('reason_phrase');
    expect(incoming.status).toBe('ringing');
    incoming.terminate({ status_code: 486 });
    await vi.waitFor(() => expect(outgoing.isEnded()).toBe(true), WAIT);
    await stopAll();
  });

  it('sendInfo rejects bad input with InvalidOptionError instead of resolving 0', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob']);
    const [outgoing] = await establish(uas['alice']!, uas['bob']!, 'bob');
    await expect(outgoing.sendInfo('not a type', 'x')).rejects.toMatchObject({
      name: 'InvalidOptionError',
      parameter: 'contentType',
    });
    await expect(
      outgoing.sendInfo('application/x-test', 'x', { extraHeaders: [INJECTION] }),
    ).rejects.toMatchObject({ name: 'InvalidOptionError', parameter: 'extraHeaders[0]' });
    await flush();
    expect(sent('INFO')).toHaveLength(0);
    await expect(outgoing.sendInfo('application/x-test', 'x')).resolves.toBe(200);
    outgoing.terminate();
    await stopAll();
  });

  it('INFO DTMF with bad extraHeaders throws at sendDTMF and queues nothing', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob']);
    const [outgoing] = await establish(uas['alice']!, uas['bob']!, 'bob');
    const dtmf = vi.fn();
    outgoing.on('newDTMF', dtmf);
    const error = optionError(() =>
      outgoing.sendDTMF('1', { transport: 'info', extraHeaders: [INJECTION] }),
    );
    expect(error.parameter).toBe('extraHeaders[0]');
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent('INFO')).toHaveLength(0);
    expect(dtmf).not.toHaveBeenCalled();
    outgoing.sendDTMF('1', { transport: 'info', extraHeaders: ['X-Key: one'] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent('INFO').map((info) => info.header('x-key'))).toEqual(['one']);
    outgoing.terminate();
    await stopAll();
  });

  it('sendMessage, sendOptions and unregister check their options at the call', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice']);
    const { ua } = uas['alice']!;
    expect(
      optionError(() => ua.sendMessage('bob', 'hi', { extraHeaders: [INJECTION] })).parameter,
    ).toBe('extraHeaders[0]');
    expect(
      optionError(() => ua.sendMessage('bob', 'hi', { contentType: 'text/plain\r\nX: 1' }))
        .parameter,
    ).toBe('contentType');
    expect(
      optionError(() => ua.sendOptions('bob', { extraHeaders: ['Call-ID: x'] })).parameter,
    ).toBe('extraHeaders[0]');
    expect(optionError(() => ua.unregister({ extraHeaders: ['To: <sip:x@y>'] })).parameter).toBe(
      'extraHeaders[0]',
    );
    await flush();
    expect(sent('MESSAGE')).toHaveLength(0);
    expect(sent('OPTIONS')).toHaveLength(0);
    expect(sent('REGISTER')).toHaveLength(1);
    await stopAll();
  });
});
