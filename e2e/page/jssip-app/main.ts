// A small JsSIP softphone written against JsSIP's documented API only (jssip.net: UA
// configuration, UA and RTCSession events, answer/hold/sendDTMF options, Utils). The e2e suite
// bundles it twice, once with `jssip` and once with `jssip` aliased to `@sipkit/jssip`, and
// drives both through the same buttons: the page is the same program either way.
import JsSIP from 'jssip';
import type { IncomingDTMFEvent, OutgoingDTMFEvent } from 'jssip/lib/RTCSession.js';
import type { RTCSessionEvent } from 'jssip/lib/UA.js';

type Session = ReturnType<InstanceType<typeof JsSIP.UA>['call']>;

const params = new URLSearchParams(location.search);
const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`#${id} is missing`);
  return element as T;
};
const show = (id: string, text: string): void => void ($(id).textContent = text);

const ua = new JsSIP.UA({
  uri: params.get('uri') ?? '',
  password: params.get('password') ?? '',
  display_name: params.get('name') ?? '',
  sockets: [new JsSIP.WebSocketInterface(params.get('ws') ?? '')],
  register: true,
});

let current: Session | undefined;
let localStream: MediaStream | undefined;

ua.on('registered', () => show('registration', 'registered'));
ua.on('registrationFailed', (e) => show('registration', `failed: ${e.cause}`));

ua.on('newRTCSession', (e: RTCSessionEvent) => {
  const session = e.session as Session;
  current = session;
  show('released', '');
  follow(session);
  if (e.originator === 'remote') {
    // The incoming-call view: who is calling, by display name and user.
    show('caller-name', session.remote_identity.display_name ?? '(no name)');
    show('caller-user', session.remote_identity.uri.user ?? '');
    $('incoming-view').hidden = false;
  }
});

function follow(session: Session): void {
  $('call-view').hidden = false;
  show('call-state', session.direction === 'outgoing' ? 'new' : 'ringing');
  show('peer', session.remote_identity.uri.toString());
  show('hold-state', 'none');
  show('tones', '');
  show('local-tracks', '');
  show('remote-tracks', '');
  session.on('peerconnection', (e) => watchRemote(e.peerconnection));
  session.on('connecting', () => show('call-state', 'calling'));
  session.on('progress', () => show('call-state', 'ringing'));
  session.on('accepted', () => show('call-state', 'answered'));
  session.on('confirmed', () => {
    show('call-state', 'in call');
    showStreams(session);
  });
  session.on('hold', (e) => show('hold-state', `held by ${e.originator}`));
  session.on('unhold', (e) => show('hold-state', `resumed by ${e.originator}`));
  session.on('newDTMF', (e: IncomingDTMFEvent | OutgoingDTMFEvent) => {
    if (e.originator === 'remote') show('tones', $('tones').textContent + e.dtmf.tone);
  });
  const end = (what: string) => (e: { originator: string; cause: unknown }) => {
    $('incoming-view').hidden = true;
    $('call-view').hidden = true;
    show('last-call', `${what} by ${e.originator}: ${String(e.cause)}`);
    // Hang-up: release the microphone and camera, as the JsSIP docs show.
    JsSIP.Utils.closeMediaStream(localStream);
    const tracks = localStream?.getTracks() ?? [];
    show(
      'released',
      tracks.length > 0 && tracks.every((t) => t.readyState === 'ended') ? 'yes' : 'no',
    );
    localStream = undefined;
    current = undefined;
  };
  session.on('ended', end('ended'));
  session.on('failed', end('failed'));
}

/** Legacy stream API where the browser (or library) has it, the tracks API otherwise. */
type LegacyPeerConnection = RTCPeerConnection & {
  getLocalStreams?: () => MediaStream[];
  getRemoteStreams?: () => MediaStream[];
};

function watchRemote(pc: LegacyPeerConnection): void {
  const play = (stream: MediaStream): void => {
    const video = $<HTMLVideoElement>('remote-video');
    if (video.srcObject !== stream) video.srcObject = stream;
  };
  pc.addEventListener('addstream', (event) =>
    play((event as Event & { stream: MediaStream }).stream),
  );
  pc.addEventListener('track', (event) => {
    if (typeof pc.getRemoteStreams !== 'function' && event.streams[0]) play(event.streams[0]);
  });
}

/** The in-call view: local and remote streams read from `session.connection`. */
function showStreams(session: Session): void {
  const pc = session.connection as LegacyPeerConnection;
  const local =
    typeof pc.getLocalStreams === 'function'
      ? pc.getLocalStreams()[0]
      : new MediaStream(pc.getSenders().flatMap((sender) => (sender.track ? [sender.track] : [])));
  const remote =
    typeof pc.getRemoteStreams === 'function'
      ? pc.getRemoteStreams()[0]
      : new MediaStream(pc.getReceivers().map((receiver) => receiver.track));
  localStream = local;
  $<HTMLVideoElement>('local-video').srcObject = local ?? null;
  if (remote !== undefined) $<HTMLVideoElement>('remote-video').srcObject = remote;
  show('local-tracks', kinds(local));
  show('remote-tracks', kinds(remote));
}

function kinds(stream: MediaStream | undefined): string {
  return (stream?.getTracks() ?? [])
    .map((track) => `${track.kind}:${track.readyState}`)
    .sort()
    .join(' ');
}

function call(video: boolean): void {
  ua.call($<HTMLInputElement>('target').value, {
    mediaConstraints: { audio: true, video },
    rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: video },
  });
}

$('call-audio').addEventListener('click', () => call(false));
$('call-video').addEventListener('click', () => call(true));
$('answer').addEventListener('click', () => {
  $('incoming-view').hidden = true;
  // Answer with video when the offer has video.
  const video = /m=video [1-9]/.test(offerOf(current));
  current?.answer({ mediaConstraints: { audio: true, video } });
});
$('reject').addEventListener('click', () => current?.terminate({ status_code: 486 }));
$('hold').addEventListener('click', () => current?.hold({ useUpdate: true }));
$('unhold').addEventListener('click', () => current?.unhold({ useUpdate: true }));
$('dtmf-1').addEventListener('click', () => current?.sendDTMF('1'));
$('dtmf-hash').addEventListener('click', () => current?.sendDTMF('#'));
$('hangup').addEventListener('click', () => current?.terminate());

const offers = new WeakMap<object, string>();
function offerOf(session: Session | undefined): string {
  return session === undefined ? '' : (offers.get(session) ?? '');
}
ua.on('newRTCSession', (e: RTCSessionEvent) => {
  if (e.originator === 'remote') offers.set(e.session, e.request.body ?? '');
});

ua.start();
