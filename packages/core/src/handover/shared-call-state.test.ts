import { describe, expect, it } from 'vitest';
import { WebSocketInterface } from '../transport/index.js';
import { UA } from '../ua/ua.js';
import { resumeCall } from './resume-call.js';
import {
  readSharedCallState,
  SharedCallStateError,
  type SharedCallState,
} from './shared-call-state.js';
import { STATE } from './testing/shared-call-state.fixture.js';

/** The error `run` throws (the test fails when it throws nothing or something else). */
function stateError(run: () => unknown): SharedCallStateError {
  try {
    run();
  } catch (error) {
    if (error instanceof SharedCallStateError) return error;
    throw error;
  }
  throw new Error('expected a SharedCallStateError');
}

function without(field: keyof SharedCallState): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...STATE };
  delete copy[field];
  return copy;
}

describe('readSharedCallState', () => {
  it('reads a state back from its JSON, unchanged', () => {
    expect(readSharedCallState(JSON.parse(JSON.stringify(STATE)))).toEqual(STATE);
  });

  it('refuses another version, naming `v` and what to do', () => {
    const error = stateError(() => readSharedCallState({ ...STATE, v: 2 }));
    expect(error.field).toBe('v');
    expect(error.name).toBe('SharedCallStateError');
    expect(error.message).toContain('is 2');
    expect(error.message).toContain('callStateOf()');
  });

  it.each([
    [without('localSeq'), 'localSeq', 'missing'],
    [without('routeSet'), 'routeSet', 'missing'],
    [{ ...STATE, localSeq: -1 }, 'localSeq', 'CSeq number'],
    [{ ...STATE, localSeq: 2 ** 31 }, 'localSeq', 'CSeq number'],
    [{ ...STATE, remoteSeq: 1.5 }, 'remoteSeq', 'CSeq number'],
    [{ ...STATE, callId: '' }, 'callId', 'non-empty string'],
    [{ ...STATE, direction: 'sideways' }, 'direction', "'outgoing' or 'incoming'"],
    [{ ...STATE, routeSet: ['<sip:p;lr>', 7] }, 'routeSet[1]', 'non-empty string'],
    [{ ...STATE, local: { uri: 'sip:a@b' } }, 'local.displayName', 'missing'],
    [
      { ...STATE, sessionTimer: { ...STATE.sessionTimer!, refresher: 'uac' } },
      'sessionTimer.refresher',
      "'local' or 'remote'",
    ],
    [
      { ...STATE, sessionTimer: { ...STATE.sessionTimer!, interval: 0 } },
      'sessionTimer.interval',
      'seconds',
    ],
    [{ ...STATE, hold: { local: 'yes', remote: false } }, 'hold.local', 'true or false'],
    [{ ...STATE, startTime: 'yesterday' }, 'startTime', 'epoch milliseconds'],
    ['{"v":1}', 'state', 'object'],
  ])('names the field at fault: %#', (value, field, problem) => {
    const error = stateError(() => readSharedCallState(value));
    expect(error.field).toBe(field);
    expect(error.message).toContain(problem);
  });

  it('describes a bad value by its type, never echoing it', () => {
    const error = stateError(() =>
      readSharedCallState({ ...STATE, localHeader: { secret: 'do-not-echo' } }),
    );
    expect(error.field).toBe('localHeader');
    expect(error.message).not.toContain('do-not-echo');
  });
});

describe('resumeCall checks before it touches the UA', () => {
  const ua = (): UA =>
    new UA({ uri: 'sip:alice@example.com', sockets: new WebSocketInterface('wss://sip.test') });

  it('a route that is not a Route value: SharedCallStateError naming routeSet[i]', () => {
    const state = { ...STATE, routeSet: ['<sip:p.example.com;lr>', 'not a route <'] };
    expect(stateError(() => resumeCall(ua(), state)).field).toBe('routeSet[1]');
  });

  it('a remote target that is not a SIP URI: SharedCallStateError naming remoteTarget', () => {
    const state = { ...STATE, remoteTarget: 'bob at example' };
    expect(stateError(() => resumeCall(ua(), state)).field).toBe('remoteTarget');
  });

  it('a UA that is not started: an Error that says to start it', () => {
    expect(() => resumeCall(ua(), STATE)).toThrow(/ua\.start\(\)/);
  });
});
