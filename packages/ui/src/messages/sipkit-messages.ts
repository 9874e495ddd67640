import type { ReactNode } from 'react';

/**
 * Where a call is, in words: status lines, the call list and live regions (`callLabel`).
 *
 * @example const call: CallMessages = { ...defaultMessages.call, inCall: 'En communication' };
 */
export interface CallMessages {
  readonly calling: string;
  /** An outgoing call the far end rings (180/183). */
  readonly ringing: string;
  readonly incoming: string;
  readonly answering: string;
  /** Answered, media not yet flowing (200 sent or received, ACK pending). */
  readonly connecting: string;
  readonly inCall: string;
  readonly onHold: string;
  readonly heldByRemote: string;
  /** A confirmed call whose network broke while recovery (ICE restart, re-INVITE) runs. */
  readonly reconnecting: string;
  /** Recovery gave up; `reason` says why (e.g. "no network for 30 s"), undefined when unknown. */
  readonly connectionLost: (reason: string | undefined) => string;
  /** `cause` is the core's cause (`Busy`, `Rejected`...); undefined for a plain hang-up. */
  readonly ended: (cause: string | undefined) => string;
}

/**
 * The controls of a call (`<CallControls>` and the single controls). Button names say what a
 * press will do, so the pairs change with the state.
 *
 * @example const controls: ControlMessages = { ...defaultMessages.controls, mute: 'Couper le micro' };
 */
export interface ControlMessages {
  /** The name of the group of controls. */
  readonly group: string;
  readonly mute: string;
  readonly unmute: string;
  readonly hold: string;
  readonly resume: string;
  readonly keypad: string;
  readonly transfer: string;
  readonly hangup: string;
  readonly startVideo: string;
  readonly stopVideo: string;
  /** Adds our camera to a call (`<VideoButton>`: re-INVITE). */
  readonly turnOnVideo: string;
  readonly turnOffVideo: string;
  /** `<ScreenShareButton>`. */
  readonly shareScreen: string;
  readonly stopSharing: string;
  readonly devices: string;
}

/**
 * Placing a call: `<CallButton>`, `<DialInput>`, `<Dialpad>`.
 *
 * @example const dial: DialMessages = { ...defaultMessages.dial, call: 'Appeler' };
 */
export interface DialMessages {
  readonly call: string;
  /** The dial field's (visually hidden) label. */
  readonly fieldLabel: string;
  readonly placeholder: string;
  /** The name of the twelve-key pad. */
  readonly keypad: string;
  /** The hint on the 0 key while dialling. */
  readonly holdForPlus: string;
}

/**
 * The blind transfer form (`<TransferForm>`).
 *
 * @example const transfer: TransferMessages = { ...defaultMessages.transfer, submit: 'Transférer' };
 */
export interface TransferMessages {
  readonly fieldLabel: string;
  readonly submit: string;
  readonly pending: (target: string) => string;
  readonly accepted: (target: string) => string;
  readonly succeeded: (target: string) => string;
  /** `code` is the status of the REFER or of the far end's NOTIFY, when there was one. */
  readonly failed: (code: number | undefined) => string;
}

/**
 * The incoming-call banner (`<IncomingCallBanner>`). `caller` is the name, already isolated in
 * a `<bdi>` so a right-to-left name does not scramble the sentence: place it, do not stringify it.
 *
 * @example const banner: BannerMessages = { ...defaultMessages.banner, answer: 'Répondre' };
 */
export interface BannerMessages {
  readonly region: string;
  /** `others`: how many more calls ring behind this one. */
  readonly isCalling: (caller: ReactNode, others: number) => ReactNode;
  readonly waitingNote: string;
  readonly answer: string;
  readonly decline: string;
}

/**
 * Registration status (`<RegistrationBadge>`, `registrationText`).
 *
 * @example const registration: RegistrationMessages = { ...defaultMessages.registration, registered: 'Enregistré' };
 */
export interface RegistrationMessages {
  readonly registered: string;
  readonly registering: string;
  readonly offline: string;
  readonly connecting: string;
  readonly disconnected: string;
  readonly notRegistered: (cause: string | undefined) => string;
  /** `response` is the final response ("403 Forbidden") or '' when none came. */
  readonly failed: (cause: string | undefined, response: string) => string;
  /** No UA runs: the configuration error's name, or the parameter at fault when known. */
  readonly cannotStart: (name: string) => string;
  readonly cannotStartParameter: (parameter: string) => string;
}

/**
 * What stops the phone and what to change (`<RegistrationProblemNotice>`,
 * `registrationProblem`). `answered` is " (401 Unauthorized)" or '' when no response came.
 *
 * @example const problem: ProblemMessages = { ...defaultMessages.problem, refusedTitle: 'Identifiants refusés' };
 */
export interface ProblemMessages {
  readonly unreachableTitle: (url: string) => string;
  /** `code`: the WebSocket close code; `reason`: its reason text, '' when none. */
  readonly unreachableDetail: (code: number | undefined, reason: string) => string;
  readonly noPasswordTitle: string;
  readonly noPasswordDetail: (answered: string) => string;
  readonly refusedTitle: string;
  readonly refusedDetail: (answered: string) => string;
  readonly noAnswerTitle: (cause: string) => string;
  readonly noAnswerDetail: string;
  readonly failedTitle: (cause: string | undefined) => string;
  readonly failedDetail: (answered: string) => string;
  /** "Retry now": reconnect or register again without waiting for the backoff. */
  readonly retry: string;
  readonly retrying: string;
  /** Leads to the app's account settings. */
  readonly editAccount: string;
}

/**
 * Ringing and the attention a call asks for (`<IncomingCallBanner>`, `<Softphone>`).
 *
 * @example const attention: AttentionMessages = { ...defaultMessages.attention, silence: 'Silence' };
 */
export interface AttentionMessages {
  /** Stops the ringtone without answering. */
  readonly silence: string;
  /** Starts a sound the browser blocked until the person interacted with the page. */
  readonly enableSound: string;
  readonly ringtoneBlocked: string;
  readonly ringbackBlocked: string;
  /** Under Answer when there is no usable microphone. */
  readonly receiveOnly: string;
  /** Asks for permission to show a system notification when a call rings in a hidden tab. */
  readonly notify: string;
  /** The tab's title while a call rings in a hidden tab, and the notification's. */
  readonly tabTitle: (caller: string) => string;
  readonly notificationTitle: string;
}

/**
 * The microphone check before calls (`<MicrophoneNotice>`, `microphoneAdvice`).
 *
 * @example const microphone: MicrophoneMessages = { ...defaultMessages.microphone, checkAgain: 'Réessayer' };
 */
export interface MicrophoneMessages {
  readonly deniedTitle: string;
  readonly deniedDetail: string;
  readonly missingTitle: string;
  readonly missingDetail: string;
  readonly checkAgain: string;
}

/**
 * The list of calls in progress (`<CallList>`). `name` is isolated in a `<bdi>`.
 *
 * @example const callList: CallListMessages = { ...defaultMessages.callList, label: 'Appels' };
 */
export interface CallListMessages {
  readonly label: string;
  readonly switchTo: (name: ReactNode) => ReactNode;
}

/**
 * Device menus (`<DeviceSelector>`).
 *
 * @example const devices: DeviceMessages = { ...defaultMessages.devices, speaker: 'Haut-parleur' };
 */
export interface DeviceMessages {
  readonly legend: string;
  readonly microphone: string;
  readonly camera: string;
  readonly speaker: string;
  readonly systemDefault: string;
  /** A device whose name the browser hides until the page has media access. */
  readonly unnamed: (kind: string, position: number) => string;
  readonly unsupported: string;
  readonly showNames: string;
  /** After "Show device names" was refused: why the names stay hidden and what to do. */
  readonly namesRefused: string;
}

/**
 * "Disconnect" and the question it asks while a call is in progress (`<DisconnectButton>`).
 *
 * @example const disconnect: DisconnectMessages = { ...defaultMessages.disconnect, keepCall: 'Garder l’appel' };
 */
export interface DisconnectMessages {
  readonly disconnect: string;
  readonly keepCall: string;
  /** `names`: the other parties of the calls it would end (empty once they ended). */
  readonly question: (names: readonly string[]) => string;
  readonly confirm: (calls: number) => string;
}

/**
 * The composed phone (`<Softphone>`).
 *
 * @example const softphone: SoftphoneMessages = { ...defaultMessages.softphone, title: 'Téléphone' };
 */
export interface SoftphoneMessages {
  /** The heading and the region's name. */
  readonly title: string;
  readonly callStatus: string;
  /** The text of the always-present live region: the far end's name and `callLabel`. */
  readonly callStatusLine: (name: string, status: string) => string;
  readonly devices: string;
  readonly video: string;
}

/**
 * Video (`<VideoView>`).
 *
 * @example const video: VideoMessages = { ...defaultMessages.video, empty: 'Pas de vidéo' };
 */
export interface VideoMessages {
  readonly local: string;
  readonly remote: string;
  readonly empty: string;
  /** The far end's shared screen (`<ScreenShareView>`). */
  readonly remoteScreen: string;
}

/**
 * The SIP ladder (`<SipLadder>`). `remote` is isolated in a `<bdi>` where it is markup.
 *
 * @example const ladder: LadderMessages = { ...defaultMessages.ladder, you: 'Vous' };
 */
export interface LadderMessages {
  readonly caption: (remote: ReactNode | undefined) => ReactNode;
  readonly you: string;
  readonly farSide: string;
  readonly empty: string;
  /** Read after a message's label, for screen readers: who sent it to whom. */
  readonly direction: (from: string, to: string) => string;
}

/** The measures `<CallQuality>` shows. */
export type QualityMetric = 'send' | 'receive' | 'loss' | 'jitter' | 'rtt';

/**
 * Presence, busy lamps and voicemail (`<PresenceBadge>`, `<BuddyList>`, `<VoicemailIndicator>`).
 *
 * @example const presence: PresenceMessages = { ...defaultMessages.presence, available: 'Disponible' };
 */
export interface PresenceMessages {
  readonly available: string;
  readonly away: string;
  readonly busy: string;
  readonly onThePhone: string;
  readonly offline: string;
  /** No state yet (subscribing, or no UA running). */
  readonly unknown: string;
  /** The watcher waits for the presentity's authorization (RFC 6665 §4.1.3). */
  readonly pending: string;
  /** The subscription ended; `reason` is the notifier's (`rejected`, `noresource`...), if any. */
  readonly unavailable: (reason: string | undefined) => string;
  /** Busy lamp states. */
  readonly lampIdle: string;
  readonly lampRinging: (caller: string | undefined) => string;
  readonly lampBusy: string;
  /** The name of the contacts list. */
  readonly buddyList: string;
  /** The click-to-call button of a contact, named after them. */
  readonly call: (name: string) => string;
  /** Picking up a call that rings at a colleague. */
  readonly pickup: (name: string) => string;
  /** The voicemail lamp. */
  readonly voicemail: (newMessages: number, oldMessages: number) => string;
  readonly noVoicemail: string;
}

/**
 * Call quality (`<CallQuality>`, `<Sparkline>`). Values come in SI units (bit/s, a 0..1
 * fraction, seconds), so a locale can format them its own way.
 *
 * @example const quality: QualityMessages = { ...defaultMessages.quality, noAudio: 'Pas encore de son' };
 */
export interface QualityMessages {
  readonly region: string;
  readonly metric: Readonly<Record<QualityMetric, string>>;
  readonly bitrate: (bitsPerSecond: number) => string;
  readonly fraction: (fraction: number) => string;
  readonly seconds: (seconds: number) => string;
  /** Shown for a measure that has no value yet. */
  readonly missing: string;
  /** The name of a measure's sparkline. */
  readonly history: (metric: string, samples: number) => string;
  readonly noMeasurements: string;
  readonly noAudio: string;
  readonly verdict: (level: 'good' | 'fair' | 'poor' | 'unknown') => string;
  /** The visible note of a sparkline with nothing to draw. */
  readonly noData: string;
}

/**
 * Every text `@sipkit/ui` shows or gives assistive technology, one group per component family.
 * Texts that take values are functions. Give a partial override to `<SipKitMessagesProvider>`
 * (or `<Softphone messages>`); what it leaves out stays English (`defaultMessages`).
 *
 * @example
 * const fr: SipKitMessagesOverride = { controls: { mute: 'Couper le micro' } };
 */
export interface SipKitMessages {
  readonly call: CallMessages;
  readonly controls: ControlMessages;
  readonly dial: DialMessages;
  readonly transfer: TransferMessages;
  readonly banner: BannerMessages;
  readonly registration: RegistrationMessages;
  readonly problem: ProblemMessages;
  readonly attention: AttentionMessages;
  readonly microphone: MicrophoneMessages;
  readonly callList: CallListMessages;
  readonly devices: DeviceMessages;
  readonly disconnect: DisconnectMessages;
  readonly softphone: SoftphoneMessages;
  readonly video: VideoMessages;
  readonly ladder: LadderMessages;
  readonly quality: QualityMessages;
  readonly presence: PresenceMessages;
}

/**
 * A partial `SipKitMessages`: any group, any text of a group.
 *
 * @example const de: SipKitMessagesOverride = { dial: { call: 'Anrufen' } };
 */
export type SipKitMessagesOverride = {
  readonly [Group in keyof SipKitMessages]?: Partial<SipKitMessages[Group]>;
};
