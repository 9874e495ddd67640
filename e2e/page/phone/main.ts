// The phone page: our UA or JsSIP (query parameter `library`), on the browser's own WebSocket
// and WebRTC, with Chromium's fake microphone. The test drives it through `window.__phone`.
// `?warmup=1` starts no phone: the harness runs getUserMedia in it once (harness/phones.ts).
import { readConfig } from './config.js';
import { jssipPhone } from './jssip-phone.js';
import { selectedPairOf, type PhoneState } from './phone.js';
import { sipkitPhone } from './sipkit-phone.js';

if (!new URLSearchParams(location.search).has('warmup')) startPhone();

function startPhone(): void {
  const config = readConfig(location.search);
  const state: PhoneState = {
    library: config.library,
    registration: 'starting',
    cause: undefined,
    calls: [],
    ua: [],
    errors: [],
    transport: [],
    network: [],
    subscriptions: [],
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
  window.__phone = Object.assign(phone, {
    state,
    play(id: number) {
      const receivers = phone.connection(id)?.getReceivers() ?? [];
      const audio = document.createElement('audio');
      audio.autoplay = true;
      audio.srcObject = new MediaStream(receivers.map((receiver) => receiver.track));
      document.body.append(audio);
    },
    async selectedPair(id: number) {
      const report = await phone.connection(id)?.getStats();
      return report === undefined ? undefined : selectedPairOf(report);
    },
  });
  document.title = `${config.library} ${config.uri}`;
}
