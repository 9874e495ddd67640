// Bundle-size app: register, call bob with audio once registered, hang up on a button (JsSIP).
import { UA, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession.js';

const ua = new UA({
  uri: 'sip:alice@example.com',
  password: 'secret',
  sockets: [new WebSocketInterface('wss://sip.example.com')],
});
let session: RTCSession | undefined;
ua.on('registered', () => {
  session = ua.call('sip:bob@example.com', { mediaConstraints: { audio: true, video: false } });
});
document.querySelector('#hangup')?.addEventListener('click', () => session?.terminate());
ua.start();
