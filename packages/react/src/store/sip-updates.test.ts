import { describe, expect, it } from 'vitest';
import type { CallState } from './call-state.js';
import { initialSipState, type SipState } from './sip-state.js';
import { callState } from '../testing/call-state.js';
import { addMessage, ENDED_CALLS_KEPT, putCall, removeCall, updateMessage } from './sip-updates.js';

function call(id: string, patch: Partial<CallState> = {}): CallState {
  return callState(id, {
    callId: 'call-1',
    status: 'connecting',
    remoteIdentity: { displayName: undefined, uri: `sip:${id}@sip.test` },
    startTime: undefined,
    ...patch,
  });
}
const apply = (...calls: CallState[]): SipState => calls.reduce(putCall, initialSipState());

describe('putCall', () => {
  it('makes a placed call current and keeps the order', () => {
    const state = apply(call('a'), call('b'));
    expect(state.callOrder).toEqual(['a', 'b']);
    expect(state.currentCallId).toBe('b');
  });

  it('lists a ringing incoming call without making it current, until it is answered', () => {
    const ringing = call('in', { direction: 'incoming', status: 'ringing' });
    let state = apply(ringing);
    expect(state.incomingCallIds).toEqual(['in']);
    expect(state.currentCallId).toBeUndefined();
    state = putCall(state, { ...ringing, status: 'answered' });
    expect(state.incomingCallIds).toEqual([]);
    expect(state.currentCallId).toBe('in');
  });

  it('keeps the call in progress current while a second one rings (call waiting)', () => {
    const first = call('first', { status: 'confirmed' });
    const state = apply(first, call('second', { direction: 'incoming', status: 'ringing' }));
    expect(state.currentCallId).toBe('first');
    expect(state.incomingCallIds).toEqual(['second']);
  });

  it('follows another call in progress when the current one ends, else keeps the ended one', () => {
    const a = call('a', { status: 'confirmed' });
    const b = call('b', { status: 'confirmed' });
    let state = apply(a, b);
    state = putCall(state, { ...b, status: 'terminated', cause: 'Terminated' });
    expect(state.currentCallId).toBe('a');
    state = putCall(state, { ...a, status: 'terminated', cause: 'Terminated' });
    expect(state.currentCallId).toBe('a');
  });

  it('returns the same state for the same snapshot', () => {
    const a = call('a');
    const state = apply(a);
    expect(putCall(state, a)).toBe(state);
  });

  it(`forgets ended calls beyond ${ENDED_CALLS_KEPT}, oldest first, but never the current one`, () => {
    let state = initialSipState();
    for (let i = 0; i < ENDED_CALLS_KEPT + 3; i++) {
      state = putCall(state, call(`c${i}`, { status: 'terminated' }));
    }
    expect(state.callOrder).toHaveLength(ENDED_CALLS_KEPT + 1);
    expect(state.callOrder[0]).toBe('c2');
    expect(state.currentCallId).toBe(`c${ENDED_CALLS_KEPT + 2}`);
  });
});

describe('removeCall', () => {
  it('removes a call everywhere', () => {
    const state = removeCall(apply(call('a', { direction: 'incoming', status: 'ringing' })), 'a');
    expect(state.calls).toEqual({});
    expect(state.callOrder).toEqual([]);
    expect(state.incomingCallIds).toEqual([]);
    expect(removeCall(state, 'a')).toBe(state);
  });
});

describe('messages', () => {
  const message = (id: string) =>
    ({
      id,
      direction: 'outgoing',
      from: { displayName: undefined, uri: 'sip:a@x' },
      to: { displayName: undefined, uri: 'sip:b@x' },
      body: id,
      contentType: 'text/plain',
      time: 0,
      status: 'sending',
      cause: undefined,
    }) as const;

  it('keeps the newest max messages and updates one by id', () => {
    let state = initialSipState();
    for (const id of ['m1', 'm2', 'm3']) state = addMessage(state, message(id), 2);
    expect(state.messages.map((m) => m.id)).toEqual(['m2', 'm3']);
    state = updateMessage(state, 'm3', { status: 'failed', cause: 'Not Found' });
    expect(state.messages[1]).toMatchObject({ status: 'failed', cause: 'Not Found' });
    expect(updateMessage(state, 'm1', { status: 'sent' })).toBe(state);
  });
});
