import { describe, expect, it, vi } from 'vitest';
import { createSipTrace } from './create-sip-trace.js';

const invite = [
  'INVITE sip:bob@sip.test SIP/2.0',
  'Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK1',
  'From: <sip:alice@sip.test>;tag=ft1',
  'To: <sip:bob@sip.test>',
  'Call-ID: call-1',
  'CSeq: 1 INVITE',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');
const ringing = [
  'SIP/2.0 180 Ringing',
  'Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK1',
  'From: <sip:alice@sip.test>;tag=ft1',
  'To: <sip:bob@sip.test>;tag=tt1',
  'Call-ID: call-1',
  'CSeq: 1 INVITE',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

describe('createSipTrace', () => {
  it('records sent and received messages by Call-ID and finds them by store call id too', () => {
    const trace = createSipTrace({ now: () => 42 });
    const listener = vi.fn();
    trace.subscribe(listener);
    trace.debug(`sip: sending\n${invite}`);
    trace.debug(`sip: received\n${ringing}`);
    trace.debug('transport: connected');
    const messages = trace.messages('call-1');
    expect(messages.map((m) => [m.direction, m.summary, m.method])).toEqual([
      ['sent', 'INVITE', 'INVITE'],
      ['received', '180 Ringing', 'INVITE'],
    ]);
    expect(messages[0]?.raw).toBe(invite);
    expect(messages[1]?.time).toBe(42);
    expect(trace.messages('call-1ft1')).toBe(messages);
    expect(trace.messages('other')).toEqual([]);
    expect(trace.callIds()).toEqual(['call-1']);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('forwards every line and keeps a bounded number of messages, dropping the oldest calls', () => {
    const forward = { debug: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const trace = createSipTrace({ maxMessages: 2, forward });
    trace.debug(`sip: sending\n${invite}`);
    trace.debug(`sip: received\n${ringing}`);
    trace.debug(`sip: sending\n${invite.replaceAll('call-1', 'call-2')}`);
    expect(trace.callIds()).toEqual(['call-2']);
    expect(trace.messages('call-1ft1')).toEqual([]);
    trace.warn('careful', 1);
    expect(forward.debug).toHaveBeenCalledTimes(3);
    expect(forward.warn).toHaveBeenCalledWith('careful', 1);
    trace.clear();
    expect(trace.callIds()).toEqual([]);
  });
});
