import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../transport/clock.js';
import { candidateType, gatherLocalDescription } from './ice-gathering.js';
import { FakePeerConnection, fakeCandidate } from './testing/fake-peer-connection.js';
import { observe, settle } from './testing/settle.js';

const OFFER: RTCLocalSessionDescriptionInit = { type: 'offer', sdp: 'v=0\r\n' };

describe('gatherLocalDescription', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function start(options: { iceRestart?: boolean; signal?: AbortSignal } = {}) {
    const pc = new FakePeerConnection();
    const result = observe(
      gatherLocalDescription(pc, OFFER, {
        timeout: 500,
        maxTime: 5000,
        clock: systemClock,
        ...options,
      }),
    );
    await settle();
    return { pc, result };
  }

  it('applies the description, then resolves when gathering becomes complete', async () => {
    const { pc, result } = await start();
    expect(pc.localDescriptions).toEqual([OFFER]);
    pc.setIceGatheringState('gathering');
    pc.emitCandidate(fakeCandidate('host'));
    await settle();
    expect(result.settled()).toBe(false);
    pc.setIceGatheringState('complete');
    await settle();
    expect(result.value()).toBe(
      'v=0\r\na=candidate:1 1 udp 2122260223 192.168.1.10 50000 typ host\r\n',
    );
    expect(vi.getTimerCount()).toBe(0);
    expect(pc.listenerCount('icecandidate')).toBe(0);
    expect(pc.listenerCount('icegatheringstatechange')).toBe(0);
  });

  it('resolves on the null end-of-candidates event', async () => {
    const { pc, result } = await start();
    pc.emitCandidate(fakeCandidate('host'));
    pc.emitCandidate(null);
    await settle();
    expect(result.value()).toContain('typ host');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves exactly 500 ms after the first srflx candidate', async () => {
    const { pc, result } = await start();
    pc.emitCandidate(fakeCandidate('host'));
    vi.advanceTimersByTime(1000);
    pc.emitCandidate(fakeCandidate('srflx'));
    vi.advanceTimersByTime(300);
    pc.emitCandidate(fakeCandidate('relay')); // does not restart the 500 ms
    vi.advanceTimersByTime(199);
    await settle();
    expect(result.settled()).toBe(false);
    vi.advanceTimersByTime(1);
    await settle();
    expect(result.value()).toContain('typ relay');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('counts a relay candidate as public too, and reads the type from the line when needed', async () => {
    const { pc, result } = await start();
    pc.emitCandidate(fakeCandidate('relay', { withType: false }));
    vi.advanceTimersByTime(500);
    await settle();
    expect(result.settled()).toBe(true);
  });

  it('gives up after exactly 5000 ms with host candidates only (unreachable STUN)', async () => {
    const { pc, result } = await start();
    pc.setIceGatheringState('gathering');
    pc.emitCandidate(fakeCandidate('host'));
    vi.advanceTimersByTime(4999);
    await settle();
    expect(result.settled()).toBe(false);
    vi.advanceTimersByTime(1);
    await settle();
    expect(result.value()).toContain('typ host');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves at once when gathering is already complete (a re-offer without ICE restart)', async () => {
    const pc = new FakePeerConnection();
    pc.iceGatheringState = 'complete';
    const sdp = await gatherLocalDescription(pc, OFFER, {
      timeout: 500,
      maxTime: 5000,
      clock: systemClock,
    });
    expect(sdp).toBe('v=0\r\n');
  });

  it('does not trust a leftover complete state on ICE restart', async () => {
    const pc = new FakePeerConnection();
    pc.iceGatheringState = 'complete';
    const result = observe(
      gatherLocalDescription(pc, OFFER, {
        timeout: 500,
        maxTime: 5000,
        clock: systemClock,
        iceRestart: true,
      }),
    );
    await settle();
    expect(result.settled()).toBe(false);
    pc.emitCandidate(null);
    await settle();
    expect(result.settled()).toBe(true);
  });

  it('rejects with AbortError and clears its timers when aborted', async () => {
    const controller = new AbortController();
    const { pc, result } = await start({ signal: controller.signal });
    pc.emitCandidate(fakeCandidate('srflx'));
    expect(vi.getTimerCount()).toBe(2);
    controller.abort();
    await settle();
    expect(result.error()).toMatchObject({ name: 'AbortError' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('passes a setLocalDescription failure on and removes its listeners', async () => {
    const pc = new FakePeerConnection();
    pc.close();
    await expect(
      gatherLocalDescription(pc, OFFER, { timeout: 500, maxTime: 5000, clock: systemClock }),
    ).rejects.toMatchObject({ name: 'InvalidStateError' });
    expect(pc.listenerCount('icecandidate')).toBe(0);
  });
});

describe('candidateType', () => {
  it('prefers the parsed field and falls back to the typ token', () => {
    expect(candidateType(fakeCandidate('prflx'))).toBe('prflx');
    expect(candidateType(fakeCandidate('srflx', { withType: false }))).toBe('srflx');
  });
});
