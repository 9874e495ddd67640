import type { Page } from 'playwright-core';

/** One WebSocket frame a page sent or received, as Chromium's network stack saw it. */
export interface WsFrame {
  /** `Date.now()` in the test process when Playwright reported it. */
  readonly at: number;
  readonly direction: 'sent' | 'received';
  readonly text: string;
}

/**
 * Records every WebSocket frame of `page` (all its sockets, reconnections included) from now
 * on: the wire evidence of the recovery scenarios (a target-refresh re-INVITE, an ICE restart
 * offer), whichever library runs in the page.
 *
 * @example const frames = recordFrames(phone.page); ...; inDialogInvites(frames, since)
 */
export function recordFrames(page: Page): WsFrame[] {
  const frames: WsFrame[] = [];
  page.on('websocket', (socket) => {
    const text = (payload: string | Buffer): string =>
      typeof payload === 'string' ? payload : payload.toString('utf8');
    socket.on('framesent', ({ payload }) =>
      frames.push({ at: Date.now(), direction: 'sent', text: text(payload) }),
    );
    socket.on('framereceived', ({ payload }) =>
      frames.push({ at: Date.now(), direction: 'received', text: text(payload) }),
    );
  });
  return frames;
}

/** Requests with a to-tag (in-dialog, RFC 3261 §12.2) of `method` the page sent after `since`. */
export function inDialogRequests(
  frames: readonly WsFrame[],
  method: string,
  since: number,
): WsFrame[] {
  return frames.filter(
    (frame) =>
      frame.direction === 'sent' &&
      frame.at >= since &&
      frame.text.startsWith(`${method} `) &&
      /^(?:To|t):[^\r\n]*;\s*tag=/im.test(frame.text),
  );
}

/** The ICE username fragments (RFC 8839 §5.4) of an SDP body inside a SIP message. */
export function iceUfrags(message: string): string[] {
  return [...message.matchAll(/^a=ice-ufrag:(\S+)/gm)].map((match) => match[1] as string);
}
