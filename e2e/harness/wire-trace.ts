import type { WebSocketConstructor } from '@sipkit/core';
import { WebSocket } from 'ws';

/** One SIP message as it crossed the WebSocket. */
export interface WireFrame {
  readonly direction: 'sent' | 'received';
  /** Date.now() when it crossed. */
  readonly at: number;
  readonly text: string;
}

/**
 * Records every frame our UA sends and receives, by handing `WebSocketInterface` a `ws` subclass.
 * It sees exactly what went over the wire (not what the UA meant to send), which is what an
 * interop test should count and what a bug report should quote.
 */
export class WireTrace {
  readonly frames: WireFrame[] = [];

  /** The WebSocket constructor to pass as `new WebSocketInterface(url, { WebSocket })`. */
  get WebSocket(): WebSocketConstructor {
    const frames = this.frames;
    return class TracedWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        this.on('message', (data: Buffer) =>
          frames.push({ direction: 'received', at: Date.now(), text: data.toString('utf8') }),
        );
      }

      override send(data: string): void {
        frames.push({ direction: 'sent', at: Date.now(), text: data });
        super.send(data);
      }
    };
  }

  /** Requests we sent with this method (keep-alive CRLFs are not requests). */
  sentRequests(method: string): string[] {
    return this.frames
      .filter((f) => f.direction === 'sent' && f.text.startsWith(`${method} `))
      .map((f) => f.text);
  }

  /**
   * Frames going `direction` whose start line begins with `start` (`UPDATE `, `SIP/2.0 200`...),
   * optionally only those with CSeq method `cseqMethod`, in wire order.
   */
  framesOf(direction: WireFrame['direction'], start: string, cseqMethod?: string): WireFrame[] {
    return this.frames.filter(
      (f) =>
        f.direction === direction &&
        f.text.startsWith(start) &&
        (cseqMethod === undefined ||
          new RegExp(`^CSeq:\\s*\\d+\\s+${cseqMethod}\\s*$`, 'im').test(f.text)),
    );
  }

  /** Status codes of the responses we received to `method` (by CSeq). */
  receivedStatuses(method: string): number[] {
    return this.frames
      .filter((f) => f.direction === 'received' && f.text.startsWith('SIP/2.0 '))
      .filter((f) => new RegExp(`^CSeq:\\s*\\d+\\s+${method}\\s*$`, 'im').test(f.text))
      .map((f) => Number(f.text.slice(8, 11)));
  }

  /** Every frame in full, for the run directory's logs. */
  dump(): string {
    return this.frames
      .map(
        (f) =>
          `----- ${f.direction} ${new Date(f.at).toISOString()}\n${f.text.replace(/\r\n/g, '\n')}`,
      )
      .join('\n');
  }

  /** First lines of every frame, for assertion messages. */
  summary(): string {
    return this.frames
      .map((f) => `${f.direction === 'sent' ? '>>' : '<<'} ${f.text.split('\r\n', 1)[0] ?? ''}`)
      .join('\n');
  }
}
