// Bundle-size app: register, call bob with audio once registered, hang up on a button (SipKit).
import { UA, WebSocketInterface, type Session } from '@sipkit/core';

const ua = new UA({
  uri: 'sip:alice@example.com',
  password: 'secret',
  sockets: new WebSocketInterface('wss://sip.example.com'),
});
let session: Session | undefined;
ua.on('registered', () => {
  session = ua.call('sip:bob@example.com', { mediaConstraints: { audio: true, video: false } });
});
document.querySelector('#hangup')?.addEventListener('click', () => session?.terminate());
ua.start();
