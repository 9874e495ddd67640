import type { SipKitMessages } from './sipkit-messages.js';

const ms = (seconds: number): string => `${(seconds * 1000).toFixed(0)} ms`;

/**
 * The English texts of `@sipkit/ui`: what every component shows without a
 * `<SipKitMessagesProvider>`, and what a partial override falls back to.
 *
 * @example defaultMessages.call.ended('Busy') // 'Call ended: Busy'
 */
export const defaultMessages: SipKitMessages = {
  call: {
    calling: 'Calling…',
    ringing: 'Ringing…',
    incoming: 'Incoming call',
    answering: 'Answering…',
    connecting: 'Connecting…',
    inCall: 'In call',
    onHold: 'On hold',
    heldByRemote: 'Held by the other side',
    reconnecting: 'Reconnecting…',
    connectionLost: (reason) =>
      reason === undefined ? 'Connection lost' : `Connection lost (${reason})`,
    ended: (cause) => (cause === undefined ? 'Call ended' : `Call ended: ${cause}`),
  },
  controls: {
    group: 'Call controls',
    mute: 'Mute',
    unmute: 'Unmute',
    hold: 'Hold',
    resume: 'Resume',
    keypad: 'Keypad',
    transfer: 'Transfer',
    hangup: 'Hang up',
    startVideo: 'Start video',
    stopVideo: 'Stop video',
    turnOnVideo: 'Turn on video',
    turnOffVideo: 'Turn off video',
    shareScreen: 'Share screen',
    stopSharing: 'Stop sharing',
    devices: 'Devices',
  },
  dial: {
    call: 'Call',
    fieldLabel: 'Number or SIP address',
    placeholder: 'Number or sip:address',
    keypad: 'Keypad',
    holdForPlus: 'Hold for +',
  },
  transfer: {
    fieldLabel: 'Transfer to',
    submit: 'Transfer call',
    pending: (target) => `Transferring to ${target}…`,
    accepted: (target) => `${target} is being called…`,
    succeeded: (target) => `Transferred to ${target}`,
    failed: (code) => (code === undefined ? 'Transfer failed' : `Transfer failed (${code})`),
  },
  banner: {
    region: 'Incoming call',
    isCalling: (caller, others) => (
      <>
        {caller} is calling{others > 0 ? ` (+${others} more)` : ''}
      </>
    ),
    waitingNote: 'Answering puts your current call on hold.',
    answer: 'Answer',
    decline: 'Decline',
  },
  registration: {
    registered: 'Registered',
    registering: 'Registering…',
    offline: 'Offline',
    connecting: 'Connecting…',
    disconnected: 'Disconnected',
    notRegistered: (cause) => (cause === undefined ? 'Not registered' : `Not registered: ${cause}`),
    failed: (cause, response) =>
      `Registration failed: ${cause ?? 'unknown cause'}${response === '' ? '' : ` (${response})`}`,
    cannotStart: (name) => `Cannot start: ${name}`,
    cannotStartParameter: (parameter) => `Cannot start: check “${parameter}”`,
  },
  problem: {
    unreachableTitle: (url) => `Cannot reach ${url}`,
    unreachableDetail: (code, reason) =>
      `The WebSocket connection failed or timed out${code === undefined ? '' : ` (close code ${code})`}` +
      `${reason === '' ? '' : `: ${reason}`}; the phone keeps retrying. ` +
      'Check that the server is running and that “sockets” has its URL (ws: or wss:).',
    noPasswordTitle: 'Registration failed: no password configured',
    noPasswordDetail: (answered) =>
      `The server asks for credentials${answered} and none are configured: ` +
      'set “password” (or “ha1” with “realm”, or “authorization_jwt”).',
    refusedTitle: 'Registration failed: credentials refused',
    refusedDetail: (answered) =>
      `The server refused the credentials${answered}: check “password” and “authorization_user”. ` +
      'Calls stay off until it registers.',
    noAnswerTitle: (cause) => `Registration failed: ${cause}`,
    noAnswerDetail: 'The registrar did not answer; the phone registers again once connected.',
    failedTitle: (cause) => `Registration failed: ${cause ?? 'unknown cause'}`,
    failedDetail: (answered) =>
      `The registrar answered${answered === '' ? ' with an error' : answered}: ` +
      'check “uri” and “registrar_server”.',
    retry: 'Retry now',
    retrying: 'Retrying…',
    editAccount: 'Edit account',
  },
  attention: {
    silence: 'Silence',
    enableSound: 'Enable sound',
    ringtoneBlocked: 'The browser blocked the ringtone.',
    ringbackBlocked: 'The browser blocked the ringback tone.',
    receiveOnly: 'No microphone: you will hear the caller, they will not hear you.',
    notify: 'Notify me of calls in the background',
    tabTitle: (caller) => `Call from ${caller}`,
    notificationTitle: 'Incoming call',
  },
  microphone: {
    deniedTitle: 'Microphone blocked',
    deniedDetail:
      'This site may not use your microphone, so you cannot place calls. Allow it in the ' +
      'browser’s site settings (the icon at the left of the address bar), then choose ' +
      '“Check again”. Calls you answer are receive-only until then.',
    missingTitle: 'No microphone found',
    missingDetail:
      'Connect a microphone or headset, then choose “Check again”. Calls you answer are ' +
      'receive-only until then.',
    checkAgain: 'Check again',
  },
  callList: {
    label: 'Calls',
    switchTo: (name) => <>Switch to {name}</>,
  },
  devices: {
    legend: 'Devices',
    microphone: 'Microphone',
    camera: 'Camera',
    speaker: 'Speaker',
    systemDefault: 'System default',
    unnamed: (kind, position) => `${kind} ${position}`,
    unsupported: 'This browser gives this page no access to devices.',
    showNames: 'Show device names',
    namesRefused:
      'The browser refused access to the microphone, so it keeps device names hidden. Allow ' +
      'the microphone in the site settings (the icon at the left of the address bar), then try again.',
  },
  disconnect: {
    disconnect: 'Disconnect',
    keepCall: 'Keep call',
    question: (names) => {
      // The call may end while the question is up: then nothing is lost by going on.
      if (names.length === 0) return 'Your call has ended. Disconnect now?';
      if (names.length > 1) return `Disconnecting ends your ${names.length} calls.`;
      return `Disconnecting ends your call with ${names[0] ?? ''}.`;
    },
    confirm: (calls) => {
      if (calls === 0) return 'Disconnect';
      return calls === 1 ? 'End call and disconnect' : 'End calls and disconnect';
    },
  },
  softphone: {
    title: 'Phone',
    callStatus: 'Call status',
    callStatusLine: (name, status) => `${name}: ${status}`,
    devices: 'Devices',
    video: 'Video',
  },
  video: {
    local: 'Your video',
    remote: 'Video of the other side',
    empty: 'No video',
    remoteScreen: 'Screen shared by the other side',
  },
  ladder: {
    caption: (remote) => (remote === undefined ? 'SIP messages' : <>SIP messages with {remote}</>),
    you: 'You',
    farSide: 'Far side',
    empty: 'No SIP messages yet.',
    direction: (from, to) => `, ${from} to ${to}`,
  },
  quality: {
    region: 'Call quality',
    metric: {
      send: 'Send bitrate',
      receive: 'Receive bitrate',
      loss: 'Packet loss',
      jitter: 'Jitter',
      rtt: 'Round trip',
    },
    bitrate: (bits) => `${(bits / 1000).toFixed(0)} kbit/s`,
    fraction: (fraction) => `${(fraction * 100).toFixed(1)} %`,
    seconds: ms,
    missing: '–',
    history: (metric, samples) => `${metric}, last ${samples} samples`,
    noMeasurements: 'No measurements yet',
    noAudio: 'No audio yet',
    verdict: (level) => `Quality: ${level}`,
    noData: 'No data yet',
  },
  presence: {
    available: 'Available',
    away: 'Away',
    busy: 'Busy',
    onThePhone: 'On the phone',
    offline: 'Offline',
    unknown: 'Unknown',
    pending: 'Waiting for approval',
    unavailable: (reason) =>
      reason === undefined ? 'Presence unavailable' : `Presence unavailable: ${reason}`,
    lampIdle: 'Idle',
    lampRinging: (caller) => (caller === undefined ? 'Ringing' : `Ringing: ${caller}`),
    lampBusy: 'In a call',
    buddyList: 'Contacts',
    call: (name) => `Call ${name}`,
    pickup: (name) => `Pick up the call to ${name}`,
    voicemail: (newMessages, oldMessages) =>
      `${newMessages} new voicemail${newMessages === 1 ? '' : 's'}` +
      (oldMessages > 0 ? `, ${oldMessages} old` : ''),
    noVoicemail: 'No new voicemail',
  },
};
