// The browser side of the e2e suite: our UA on Chromium's own WebSocket, driven by query
// parameters, reporting into `window.__sipkit` (for the test) and the DOM (for a person).
import { UA, WebSocketInterface } from '@sipkit/core';

/** What the page reports; plain data, so Playwright can read it with `page.evaluate`. */
export interface PageState {
  registration: 'starting' | 'registered' | 'failed' | 'unregistered';
  cause: string | undefined;
  received: { from: string; body: string }[];
  media: { audio: number; video: number; labels: string[] } | { error: string } | undefined;
  errors: string[];
}

declare global {
  interface Window {
    __sipkit: PageState;
    /** Sends a MESSAGE from the page's UA; resolves with the final status or the cause. */
    __sipkitSendMessage(target: string, body: string): Promise<number | string>;
  }
}

const params = new URLSearchParams(location.search);
const state: PageState = {
  registration: 'starting',
  cause: undefined,
  received: [],
  media: undefined,
  errors: [],
};
window.__sipkit = state;

function show(id: string, text: string, dataState: string): void {
  const element = document.getElementById(id);
  if (element === null) return;
  element.textContent = text;
  element.dataset.state = dataState;
}

window.addEventListener('error', (event) => state.errors.push(String(event.message)));

try {
  const ua = new UA({
    uri: params.get('uri') ?? '',
    password: params.get('password') ?? '',
    // No WebSocket option: the browser's global WebSocket is the point of this page.
    sockets: [new WebSocketInterface(params.get('ws') ?? '')],
  });
  ua.on('registered', () => {
    state.registration = 'registered';
    show('registration', 'registered', 'registered');
  });
  ua.on('registrationFailed', ({ cause }) => {
    state.registration = 'failed';
    state.cause = cause;
    show('registration', `failed: ${cause}`, 'failed');
  });
  ua.on('newMessage', ({ originator, message }) => {
    if (originator === 'remote')
      state.received.push({ from: message.from.uri, body: message.body });
  });
  window.__sipkitSendMessage = async (target, body) => {
    const result = await ua.sendMessage(target, body);
    return result.ok ? result.response.status : result.cause;
  };
  ua.start();
} catch (error) {
  state.errors.push(String(error));
  show('registration', `error: ${String(error)}`, 'error');
}

// Groundwork for calls: the fake capture devices must give us live tracks.
navigator.mediaDevices
  .getUserMedia({ audio: true, video: true })
  .then((stream) => {
    const audio = stream.getAudioTracks();
    const video = stream.getVideoTracks();
    state.media = {
      audio: audio.filter((t) => t.readyState === 'live').length,
      video: video.filter((t) => t.readyState === 'live').length,
      labels: stream.getTracks().map((t) => t.label),
    };
    show('media', `${audio.length} audio, ${video.length} video`, 'live');
  })
  .catch((error: unknown) => {
    state.media = { error: String(error) };
    show('media', `error: ${String(error)}`, 'error');
  });
