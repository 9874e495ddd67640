// Bundle-size app: register only, show the status. It must not pay for calls (tree-shaking check):
// `UserAgent` is the UA without calls.
import { UserAgent, WebSocketInterface } from '@sipkit/core';

const ua = new UserAgent({
  uri: 'sip:alice@example.com',
  password: 'secret',
  sockets: new WebSocketInterface('wss://sip.example.com'),
});
const status = document.querySelector('#status');
ua.on('registered', () => void (status !== null && (status.textContent = 'registered')));
ua.on('registrationFailed', ({ cause }) => void (status !== null && (status.textContent = cause)));
ua.start();
