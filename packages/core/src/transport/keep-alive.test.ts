import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock.js';
import { KeepAlive } from './keep-alive.js';
import { classifyFrame } from './keep-alive-frames.js';

describe('classifyFrame (RFC 5626 §4.4.1)', () => {
  it.each([
    ['\r\n\r\n', 'ping'],
    ['\r\n', 'pong'],
    ['', 'blank'],
    ['  \t\r\n', 'blank'],
    ['\r\n\r\n\r\n', 'blank'],
    ['\n', 'blank'],
    ['SIP/2.0 200 OK\r\n\r\n', 'message'],
    ['\r\nOPTIONS sip:x SIP/2.0\r\n\r\n', 'message'],
  ])('%j is a %s', (text, kind) => {
    expect(classifyFrame(text)).toBe(kind);
  });
});

describe('KeepAlive', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(random = () => 0) {
    const sent: string[] = [];
    const failures: string[] = [];
    let canSend = true;
    const keepAlive = new KeepAlive({
      interval: 10,
      timeout: 2,
      clock: systemClock,
      random,
      send: (frame) => {
        if (canSend) sent.push(frame);
        return canSend;
      },
      onFailure: (reason) => failures.push(reason),
    });
    return { keepAlive, sent, failures, refuseSends: () => (canSend = false) };
  }

  it('pings with a double CRLF after 80-100% of the interval (jitter from random)', () => {
    const { keepAlive, sent } = setup(() => 0); // 80% of 10 s
    keepAlive.start();
    vi.advanceTimersByTime(7999);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['\r\n\r\n']);
    keepAlive.stop();
  });

  it('uses the full interval when random() is near 1', () => {
    const { keepAlive, sent } = setup(() => 0.99999);
    keepAlive.start();
    vi.advanceTimersByTime(9990);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(10);
    expect(sent).toEqual(['\r\n\r\n']);
    keepAlive.stop();
  });

  it('waits for the pong before scheduling the next ping (one outstanding ping)', () => {
    const { keepAlive, sent, failures } = setup();
    keepAlive.start();
    vi.advanceTimersByTime(8000);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1500);
    expect(keepAlive.pongReceived()).toBe(true);
    vi.advanceTimersByTime(7999);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(2);
    expect(failures).toEqual([]);
    keepAlive.stop();
  });

  it('reports a failed flow when no pong comes within the timeout, then stops', () => {
    const { keepAlive, sent, failures } = setup();
    keepAlive.start();
    vi.advanceTimersByTime(8000 + 1999);
    expect(failures).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(failures).toEqual(['no keep-alive pong within 2 s (RFC 5626 §4.4.1)']);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(sent).toHaveLength(1);
  });

  it('reports a failed flow when the ping cannot be sent', () => {
    const { keepAlive, failures, refuseSends } = setup();
    refuseSends();
    keepAlive.start();
    vi.advanceTimersByTime(8000);
    expect(failures).toEqual(['keep-alive ping could not be sent']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ignores an unsolicited pong', () => {
    const { keepAlive, sent } = setup();
    keepAlive.start();
    expect(keepAlive.pongReceived()).toBe(false);
    vi.advanceTimersByTime(8000);
    expect(sent).toHaveLength(1);
    keepAlive.stop();
  });

  it('stop() leaves no timer, in either phase', () => {
    const { keepAlive } = setup();
    keepAlive.start();
    keepAlive.stop();
    expect(vi.getTimerCount()).toBe(0);
    keepAlive.start();
    vi.advanceTimersByTime(8000); // now waiting for the pong
    expect(vi.getTimerCount()).toBe(1);
    keepAlive.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(keepAlive.pongReceived()).toBe(false);
  });
});
