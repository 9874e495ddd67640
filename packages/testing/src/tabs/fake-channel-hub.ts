import type { TabChannel, TabChannelListener, TabChannelMessage } from '@sipkit/core';

/** Something posted on a fake channel, as the hub logs it. */
export interface PostedTabMessage {
  /** The sending tab's id. */
  readonly tab: string;
  /** The channel's name. */
  readonly channel: string;
  /** A structured clone of what was posted. */
  readonly data: unknown;
}

interface Delivery {
  readonly to: FakeTabChannel;
  readonly data: unknown;
}

/** A fake `BroadcastChannel` bound to a hub. */
class FakeTabChannel implements TabChannel {
  readonly name: string;
  readonly tab: string;
  readonly #hub: FakeChannelHub;
  #listeners: readonly TabChannelListener[] = [];
  #closed = false;
  #tabClosed = false;

  constructor(hub: FakeChannelHub, tab: string, name: string) {
    this.#hub = hub;
    this.tab = tab;
    this.name = name;
  }

  get closed(): boolean {
    return this.#closed;
  }

  postMessage(message: unknown): void {
    // A closed tab runs no code in a browser; its timers still fire in a test: post nothing.
    if (this.#tabClosed) return;
    if (this.#closed) {
      throw new DOMException('BroadcastChannel is closed', 'InvalidStateError');
    }
    this.#hub.post(this, message);
  }

  addEventListener(type: 'message', listener: TabChannelListener): void {
    if (type === 'message' && !this.#listeners.includes(listener)) {
      this.#listeners = this.#listeners.concat([listener]);
    }
  }

  removeEventListener(type: 'message', listener: TabChannelListener): void {
    if (type === 'message') this.#listeners = this.#listeners.filter((l) => l !== listener);
  }

  close(): void {
    this.#closed = true;
  }

  /** The tab this channel lives in closed. */
  closeWithTab(): void {
    this.#tabClosed = true;
    this.#closed = true;
  }

  /** Called by the hub when a message reaches this channel. */
  receive(data: unknown): void {
    if (this.#closed) return;
    const event: TabChannelMessage = { data };
    for (const listener of this.#listeners) listener(event);
  }
}

/**
 * Every `BroadcastChannel` of one origin, in memory. A post is cloned at once (so a body that a
 * browser cannot clone throws the same `DataCloneError`), addressed to the channels of that name
 * open at that moment except the sender, and delivered later, in post order, by a zero-delay
 * timer (fake timers flush it) or by `drain()`. A channel closed before delivery gets nothing.
 */
export class FakeChannelHub {
  readonly #channels: FakeTabChannel[] = [];
  readonly #pending: Delivery[] = [];
  readonly #posted: PostedTabMessage[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Everything posted so far, in order. */
  get posted(): readonly PostedTabMessage[] {
    return this.#posted;
  }

  /** How many deliveries wait. */
  get pending(): number {
    return this.#pending.length;
  }

  open(tab: string, name: string): TabChannel {
    const channel = new FakeTabChannel(this, tab, name);
    this.#channels.push(channel);
    return channel;
  }

  /** Closes every channel the tab opened (the tab is gone). */
  closeTab(tab: string): void {
    for (const channel of this.#channels) if (channel.tab === tab) channel.closeWithTab();
  }

  post(from: FakeTabChannel, message: unknown): void {
    const data = structuredClone(message);
    this.#posted.push({ tab: from.tab, channel: from.name, data });
    for (const channel of this.#channels) {
      if (channel !== from && channel.name === from.name && !channel.closed) {
        // Each receiver gets its own clone, as each browser context deserialises its own copy.
        this.#pending.push({ to: channel, data: structuredClone(data) });
      }
    }
    this.#schedule();
  }

  /** Delivers everything queued, including what is posted while delivering; returns the count. */
  drain(): number {
    let delivered = 0;
    try {
      for (let next = this.#pending.shift(); next !== undefined; next = this.#pending.shift()) {
        next.to.receive(next.data);
        delivered += 1;
      }
    } finally {
      // A listener threw: what remains still goes, on the next task.
      this.#schedule();
    }
    return delivered;
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#pending.length === 0) return;
    // Looked up now, not captured at import, so Vitest fake timers installed later drive it.
    this.#timer = globalThis.setTimeout(() => {
      this.#timer = undefined;
      // Everything queued, in order, including the replies it causes: one `advanceTimersByTime(0)`
      // settles a conversation between tabs.
      this.drain();
    }, 0);
  }
}
