import type { CallState } from '@sipkit/react';
import { describe, expect, it } from 'vitest';
import { callLabel } from './call-label.js';

function call(overrides: Partial<CallState>): CallState {
  return {
    id: 'c',
    callId: 'c',
    direction: 'outgoing',
    status: 'confirmed',
    localIdentity: { displayName: undefined, uri: 'sip:you@sip.test' },
    remoteIdentity: { displayName: undefined, uri: 'sip:bob@sip.test' },
    startTime: 1,
    endTime: undefined,
    cause: undefined,
    endedBy: undefined,
    hold: { local: false, remote: false },
    muted: { audio: false, video: false },
    localStream: undefined,
    remoteStream: undefined,
    lastDtmf: undefined,
    transfer: undefined,
    transferRequest: undefined,
    answering: false,
    connection: 'connected',
    connectionPath: undefined,
    connectionReason: undefined,
    ...overrides,
  };
}

describe('callLabel and the call’s connection', () => {
  it('says "Reconnecting…" while a path is being recovered, before any hold', () => {
    expect(callLabel(call({}))).toBe('In call');
    const reconnecting = { connection: 'reconnecting', connectionPath: 'media' } as const;
    expect(callLabel(call({ ...reconnecting, connectionReason: 'ICE failed' }))).toBe(
      'Reconnecting…',
    );
    expect(callLabel(call({ ...reconnecting, hold: { local: true, remote: false } }))).toBe(
      'Reconnecting…',
    );
  });

  it('says why when recovery gave up, also once the call has ended', () => {
    const failed = { connection: 'failed', connectionReason: 'recovery deadline passed' } as const;
    expect(callLabel(call(failed))).toBe('Connection lost (recovery deadline passed)');
    expect(callLabel(call({ ...failed, status: 'terminated', cause: 'Terminated' }))).toBe(
      'Call ended: Connection lost (recovery deadline passed)',
    );
    expect(callLabel(call({ connection: 'failed', status: 'terminated' }))).toBe(
      'Call ended: Connection lost',
    );
  });
});
