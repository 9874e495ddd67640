import { isPreAnswer } from '@sipkit/core';
import type { CallState } from './call-state.js';
import type { MessageState, SipState } from './sip-state.js';

// Pure state transitions. The binder (core events) and the actions (results of promises) both go
// through these, so every rule about what the store holds lives here.

/**
 * How many ended calls stay visible (their cause, their duration) before the oldest go.
 *
 * @example const ended = callOrder.filter((id) => calls[id]?.status === 'terminated'); // at most ENDED_CALLS_KEPT
 */
export const ENDED_CALLS_KEPT = 10;

/**
 * Puts a call's new snapshot in place: keeps `callOrder` and `incomingCallIds` in step, moves
 * `currentCallId` as calls are placed, answered and ended, and forgets the oldest ended calls.
 *
 * @example store.setState((s) => putCall(s, snapshotCall(session, s.calls[session.id])));
 */
export function putCall(state: SipState, call: CallState): SipState {
  const previous = state.calls[call.id];
  if (previous === call) return state;
  const calls = { ...state.calls, [call.id]: call };
  const callOrder = previous === undefined ? [...state.callOrder, call.id] : state.callOrder;
  const ringing = call.direction === 'incoming' && call.status === 'ringing';
  const listed = state.incomingCallIds.includes(call.id);
  const incomingCallIds =
    ringing === listed
      ? state.incomingCallIds
      : ringing
        ? [...state.incomingCallIds, call.id]
        : state.incomingCallIds.filter((id) => id !== call.id);
  const next = {
    ...state,
    calls,
    callOrder,
    incomingCallIds,
    currentCallId: nextCurrent(state, call, previous, calls, callOrder),
  };
  return forgetOldEndedCalls(next);
}

/**
 * Removes a call (ended or not) from the store, e.g. when the user dismisses an ended call.
 *
 * @example store.setState((s) => removeCall(s, id));
 */
export function removeCall(state: SipState, id: string): SipState {
  if (state.calls[id] === undefined) return state;
  const calls = { ...state.calls };
  delete calls[id];
  return {
    ...state,
    calls,
    callOrder: state.callOrder.filter((other) => other !== id),
    incomingCallIds: state.incomingCallIds.filter((other) => other !== id),
    currentCallId: state.currentCallId === id ? undefined : state.currentCallId,
  };
}

/**
 * Appends a message, dropping the oldest beyond `max`.
 *
 * @example store.setState((s) => addMessage(s, message, 100));
 */
export function addMessage(state: SipState, message: MessageState, max: number): SipState {
  const messages = [...state.messages, message];
  return { ...state, messages: messages.length > max ? messages.slice(-max) : messages };
}

/**
 * Updates one message (an outgoing one's outcome); does nothing when it was already dropped.
 *
 * @example store.setState((s) => updateMessage(s, id, { status: 'sent' }));
 */
export function updateMessage(
  state: SipState,
  id: string,
  patch: Partial<Pick<MessageState, 'status' | 'cause'>>,
): SipState {
  const index = state.messages.findIndex((message) => message.id === id);
  const current = state.messages[index];
  if (current === undefined) return state;
  const messages = [...state.messages];
  messages[index] = { ...current, ...patch };
  return { ...state, messages };
}

/** A call the user is talking on, or is placing: what `useCall()` follows. */
function isForeground(call: CallState): boolean {
  if (call.status === 'terminated') return false;
  return call.direction === 'outgoing' || !isPreAnswer(call.status);
}

function nextCurrent(
  state: SipState,
  call: CallState,
  previous: CallState | undefined,
  calls: SipState['calls'],
  order: readonly string[],
): string | undefined {
  const current = state.currentCallId;
  const placed = previous === undefined && call.direction === 'outgoing';
  const answered = previous !== undefined && !isForeground(previous) && isForeground(call);
  if (placed || answered) return call.id;
  if (current === undefined) return isForeground(call) ? call.id : undefined;
  if (current !== call.id || call.status !== 'terminated') return current;
  // The current call ended: follow another call in progress (call waiting), newest first, or
  // keep showing the ended one so its cause stays visible.
  const other = [...order].reverse().find((id) => {
    const candidate = calls[id];
    return candidate !== undefined && isForeground(candidate);
  });
  return other ?? current;
}

function forgetOldEndedCalls(state: SipState): SipState {
  const ended = state.callOrder.filter(
    (id) => state.calls[id]?.status === 'terminated' && id !== state.currentCallId,
  );
  if (ended.length <= ENDED_CALLS_KEPT) return state;
  let next = state;
  for (const id of ended.slice(0, ended.length - ENDED_CALLS_KEPT)) next = removeCall(next, id);
  return next;
}
