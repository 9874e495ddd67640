import { describe, expect, it } from 'vitest';
import { CallConnection, type CallConnectionEvent } from './call-connection.js';

function track(): { connection: CallConnection; events: CallConnectionEvent[] } {
  const events: CallConnectionEvent[] = [];
  return { connection: new CallConnection((event) => events.push(event)), events };
}

describe('CallConnection', () => {
  it('starts connected and reports reconnecting, then connected, once each', () => {
    const { connection, events } = track();
    expect(connection.state).toBe('connected');
    connection.lost('media', 'ICE failed');
    connection.lost('media', 'ICE failed again');
    expect(connection.isLost('media')).toBe(true);
    connection.restored('media', 'ICE restarted');
    expect(events).toEqual([
      { state: 'reconnecting', path: 'media', reason: 'ICE failed' },
      { state: 'connected', path: 'media', reason: 'ICE restarted' },
    ]);
  });

  it('stays reconnecting until every path in trouble is restored', () => {
    const { connection, events } = track();
    connection.lost('media', 'ICE disconnected');
    connection.lost('signalling', 'WebSocket closed');
    connection.restored('signalling', 'target refreshed');
    expect(connection.state).toBe('reconnecting');
    connection.restored('media', 'ICE restarted');
    expect(events.map((event) => event.state)).toEqual(['reconnecting', 'connected']);
  });

  it('is final once failed', () => {
    const { connection, events } = track();
    connection.lost('media', 'ICE failed');
    connection.fail('media', 'recovery deadline passed');
    connection.restored('media', 'late');
    connection.lost('signalling', 'late');
    connection.fail(undefined, 'again');
    expect(connection.state).toBe('failed');
    expect(events.map((event) => event.state)).toEqual(['reconnecting', 'failed']);
  });

  it('ignores a restore of a path that was never lost', () => {
    const { connection, events } = track();
    connection.restored('media', 'nothing to restore');
    expect(events).toEqual([]);
  });
});
