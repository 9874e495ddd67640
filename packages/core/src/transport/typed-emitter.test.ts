import { describe, expect, it, vi } from 'vitest';
import { TypedEmitter } from './typed-emitter.js';

interface Events {
  tick: number;
  name: { readonly value: string };
}

describe('TypedEmitter', () => {
  it('calls listeners in registration order with the payload', () => {
    const emitter = new TypedEmitter<Events>();
    const calls: string[] = [];
    emitter.on('tick', (n) => calls.push(`a${n}`));
    emitter.on('tick', (n) => calls.push(`b${n}`));
    emitter.emit('tick', 1);
    expect(calls).toEqual(['a1', 'b1']);
  });

  it('removes listeners with off() and with the function on() returns', () => {
    const emitter = new TypedEmitter<Events>();
    const a = vi.fn();
    const b = vi.fn();
    emitter.on('tick', a);
    const offB = emitter.on('tick', b);
    emitter.off('tick', a);
    offB();
    emitter.emit('tick', 1);
    expect(a).not.toHaveBeenCalled();
    expect(b).not.toHaveBeenCalled();
    expect(emitter.listenerCount('tick')).toBe(0);
  });

  it('once() fires a single time', () => {
    const emitter = new TypedEmitter<Events>();
    const listener = vi.fn();
    emitter.once('name', listener);
    emitter.emit('name', { value: 'x' });
    emitter.emit('name', { value: 'y' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith({ value: 'x' });
  });

  it('lets a listener remove itself or others while emitting', () => {
    const emitter = new TypedEmitter<Events>();
    const later = vi.fn();
    const off = emitter.on('tick', () => {
      off();
      emitter.off('tick', later);
    });
    emitter.on('tick', later);
    emitter.emit('tick', 1); // the snapshot still calls `later` this time
    emitter.emit('tick', 2);
    expect(later).toHaveBeenCalledTimes(1);
  });

  it('hands listener errors to the handler and keeps calling the others', () => {
    const errors: unknown[] = [];
    const emitter = new TypedEmitter<Events>((error, event) => errors.push([event, error]));
    const after = vi.fn();
    const boom = new Error('boom');
    emitter.on('tick', () => {
      throw boom;
    });
    emitter.on('tick', after);
    emitter.emit('tick', 1);
    expect(after).toHaveBeenCalled();
    expect(errors).toEqual([['tick', boom]]);
  });

  it('without a handler, rethrows the first listener error after all listeners ran', () => {
    const emitter = new TypedEmitter<Events>();
    const after = vi.fn();
    emitter.on('tick', () => {
      throw new Error('first');
    });
    emitter.on('tick', after);
    expect(() => emitter.emit('tick', 1)).toThrow('first');
    expect(after).toHaveBeenCalled();
  });

  it('checks event names and payload types at compile time', () => {
    const emitter = new TypedEmitter<Events>();
    // @ts-expect-error unknown event name
    emitter.on('nope', () => undefined);
    // @ts-expect-error wrong payload type
    emitter.emit('tick', 'one');
    expect(emitter.listenerCount('tick')).toBe(0);
  });
});
