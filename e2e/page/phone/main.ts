// The phone page: our UA or JsSIP (query parameter `library`), on the browser's own WebSocket
// and WebRTC, with Chromium's fake microphone. The test drives it through `window.__phone`.
import { readConfig } from './config.js';
import { jssipPhone } from './jssip-phone.js';
import type { PhoneState } from './phone.js';
import { sipkitPhone } from './sipkit-phone.js';

const config = readConfig(location.search);
const state: PhoneState = {
  library: config.library,
  registration: 'starting',
  cause: undefined,
  calls: [],
  errors: [],
  network: [],
};
// What the browser told the page about its network (the recovery scenarios report it).
const noteNetwork = (name: string) => () =>
  state.network.push(`${name}@${Math.round(performance.now())}`);
window.addEventListener('online', noteNetwork('online'));
window.addEventListener('offline', noteNetwork('offline'));
(navigator as { connection?: EventTarget }).connection?.addEventListener(
  'change',
  noteNetwork('connection:change'),
);
window.addEventListener('error', (event) => state.errors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => state.errors.push(String(event.reason)));

const phone = (config.library === 'jssip' ? jssipPhone : sipkitPhone)(config, state);
window.__phone = Object.assign(phone, { state });
document.title = `${config.library} ${config.uri}`;
