import { describe, expect, it } from 'vitest';
import { FAILED_SERVER_QUARANTINE_MS, FailedServers } from './failed-servers.js';
import { FakeSocket } from './testing/fake-socket.js';

const a = new FakeSocket('ws://a.example.com');
const b = new FakeSocket('ws://b.example.com');
const c = new FakeSocket('ws://c.example.com');

describe('FailedServers', () => {
  it('keeps the weight order when nothing failed', () => {
    expect(new FailedServers().order([a, b, c], 0)).toEqual([a, b, c]);
  });

  it('moves a failed server behind the healthy ones, which keep their order', () => {
    const failed = new FailedServers();
    failed.record(a, 1000);
    expect(failed.order([a, b, c], 2000)).toEqual([b, c, a]);
  });

  it('puts the failed servers in the order they failed, oldest first', () => {
    const failed = new FailedServers();
    failed.record(b, 1000);
    failed.record(a, 2000);
    failed.record(c, 3000);
    expect(failed.order([a, b, c], 4000)).toEqual([b, a, c]);
    failed.record(b, 5000); // b failed again: now the most recent
    expect(failed.order([a, b, c], 6000)).toEqual([a, c, b]);
  });

  it('a connection that opened clears the server', () => {
    const failed = new FailedServers();
    failed.record(a, 1000);
    failed.clear(a);
    expect(failed.order([a, b], 2000)).toEqual([a, b]);
  });

  it('forgets a failure once the quarantine has passed', () => {
    const failed = new FailedServers();
    failed.record(a, 1000);
    expect(failed.order([a, b], 1000 + FAILED_SERVER_QUARANTINE_MS - 1)).toEqual([b, a]);
    expect(failed.order([a, b], 1000 + FAILED_SERVER_QUARANTINE_MS)).toEqual([a, b]);
    expect(FAILED_SERVER_QUARANTINE_MS).toBe(60_000);
  });

  it('takes a quarantine of its own', () => {
    const failed = new FailedServers(10);
    failed.record(a, 0);
    expect(failed.order([a, b], 9)).toEqual([b, a]);
    expect(failed.order([a, b], 10)).toEqual([a, b]);
  });
});
