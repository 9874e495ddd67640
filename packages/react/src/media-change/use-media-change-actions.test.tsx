import type { Session } from '@sipkit/core';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { SipClient } from '../client/sip-client.js';
import { SipContext } from '../sip-context.js';
import { useMediaChangeActions } from './use-media-change-actions.js';

// The hook only reads `client.ua.sessions` (through `sessionOf`): a client with one session
// is enough to drive the pending/error bookkeeping without a network.
const session = { id: 'call-1' } as unknown as Session;
const client = { ua: { sessions: [session] } } as unknown as SipClient;
const wrapper = ({ children }: { readonly children: ReactNode }) => (
  <SipContext.Provider value={client}>{children}</SipContext.Provider>
);

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: Error) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('useMediaChangeActions', () => {
  it('start: pending while the change runs, the options and the session passed on', async () => {
    const started = deferred<unknown>();
    const start = vi.fn((_session: Session, _options?: { readonly n: number }) => started.promise);
    const stop = vi.fn(async () => true);
    const { result } = renderHook(() => useMediaChangeActions('call-1', start, stop), { wrapper });
    let done: Promise<boolean> | undefined;
    act(() => void (done = result.current.start({ n: 1 })));
    expect(result.current.pending).toBe(true);
    expect(start).toHaveBeenCalledWith(session, { n: 1 });
    await act(async () => started.resolve('track'));
    await expect(done).resolves.toBe(true);
    expect(result.current.pending).toBe(false);
    expect(result.current.error).toBeUndefined();
  });

  it('a failed start resolves false and keeps the error until the next start clears it', async () => {
    const failure = new Error('camera refused');
    const start = vi.fn().mockRejectedValueOnce(failure).mockResolvedValueOnce('track');
    const stop = vi.fn(async () => true);
    const { result } = renderHook(() => useMediaChangeActions('call-1', start, stop), { wrapper });
    await act(async () => expect(await result.current.start()).toBe(false));
    expect(result.current.error).toBe(failure);
    expect(result.current.pending).toBe(false);
    await act(async () => expect(await result.current.stop()).toBe(true));
    expect(result.current.error).toBe(failure); // a stop does not clear it
    await act(async () => expect(await result.current.start()).toBe(true));
    expect(result.current.error).toBeUndefined();
  });

  it("stop resolves with the core's answer; its failure rejects and pending ends", async () => {
    const start = vi.fn(async () => 'track');
    const stop = vi.fn().mockResolvedValueOnce(false).mockRejectedValueOnce(new Error('gone'));
    const { result } = renderHook(() => useMediaChangeActions('call-1', start, stop), { wrapper });
    await act(async () => expect(await result.current.stop({ keep: true })).toBe(false));
    expect(stop).toHaveBeenCalledWith(session, { keep: true });
    await act(async () => {
      await expect(result.current.stop()).rejects.toThrow('gone');
    });
    expect(result.current.pending).toBe(false);
    expect(result.current.error).toBeUndefined();
  });

  it('no such call: both resolve false without calling the core', async () => {
    const start = vi.fn(async () => 'track');
    const stop = vi.fn(async () => true);
    const { result } = renderHook(() => useMediaChangeActions('other', start, stop), { wrapper });
    await act(async () => expect(await result.current.start()).toBe(false));
    await act(async () => expect(await result.current.stop()).toBe(false));
    expect(start).not.toHaveBeenCalled();
    expect(stop).not.toHaveBeenCalled();
    expect(result.current.pending).toBe(false);
  });
});
