import { describe, expect, it, vi } from 'vitest';
import { EventEmitter } from './event-emitter.js';

describe('EventEmitter: once() listeners', () => {
  it('off() removes a once() listener by the listener passed to once()', () => {
    const emitter = new EventEmitter<{ ping: number }>();
    const listener = vi.fn();
    emitter.once('ping', listener);
    expect(emitter.listenerCount('ping')).toBe(1);

    emitter.off('ping', listener);
    expect(emitter.listenerCount('ping')).toBe(0);
    expect(emitter.emit('ping', 1)).toBe(false);
    expect(listener).not.toHaveBeenCalled();
  });

  it('removeListener() does too, and removes one registration at a time', () => {
    const emitter = new EventEmitter<{ ping: number }>();
    const listener = vi.fn();
    emitter.on('ping', listener);
    emitter.once('ping', listener);

    emitter.removeListener('ping', listener);
    expect(emitter.listenerCount('ping')).toBe(1);
    emitter.emit('ping', 1);
    emitter.emit('ping', 2);
    expect(listener.mock.calls).toEqual([[1], [2]]);
  });

  it('a once() listener still runs once and then goes', () => {
    const emitter = new EventEmitter<{ ping: number }>();
    const listener = vi.fn();
    emitter.once('ping', listener);
    emitter.emit('ping', 1);
    emitter.emit('ping', 2);
    expect(listener.mock.calls).toEqual([[1]]);
    expect(emitter.listenerCount('ping')).toBe(0);
  });
});
