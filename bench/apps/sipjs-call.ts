// Bundle-size app: register, call bob with audio once registered, hang up on a button (SIP.js's
// UserAgent API, the one its docs recommend for apps that want control).
import { Inviter, Registerer, RegistererState, SessionState, UserAgent } from 'sip.js';

const uri = UserAgent.makeURI('sip:alice@example.com');
if (uri === undefined) throw new Error('bad AOR');
const userAgent = new UserAgent({
  uri,
  authorizationUsername: 'alice',
  authorizationPassword: 'secret',
  transportOptions: { server: 'wss://sip.example.com' },
});
const registerer = new Registerer(userAgent);
let inviter: Inviter | undefined;
registerer.stateChange.addListener((state) => {
  const target = UserAgent.makeURI('sip:bob@example.com');
  if (state !== RegistererState.Registered || target === undefined || inviter !== undefined) return;
  inviter = new Inviter(userAgent, target, {
    sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
  });
  void inviter.invite();
});
document.querySelector('#hangup')?.addEventListener('click', () => {
  if (inviter === undefined) return;
  // SIP.js splits hanging up by state: CANCEL before the answer, BYE after.
  if (inviter.state === SessionState.Established) void inviter.bye();
  else if (inviter.state === SessionState.Establishing) void inviter.cancel();
});
void userAgent.start().then(() => registerer.register());
