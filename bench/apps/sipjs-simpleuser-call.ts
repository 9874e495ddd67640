// Bundle-size app: the same call through SIP.js's SimpleUser, its batteries-included wrapper.
import { SimpleUser } from 'sip.js/lib/platform/web/index.js';

const user: SimpleUser = new SimpleUser('wss://sip.example.com', {
  aor: 'sip:alice@example.com',
  userAgentOptions: { authorizationUsername: 'alice', authorizationPassword: 'secret' },
  media: { constraints: { audio: true, video: false } },
  delegate: {
    onRegistered: () => void user.call('sip:bob@example.com'),
  },
});
document.querySelector('#hangup')?.addEventListener('click', () => void user.hangup());
void user.connect().then(() => user.register());
