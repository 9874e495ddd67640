/**
 * @sipkit/jssip: JsSIP 3.13.8's public API over SipKit. An app written for JsSIP moves over by
 * changing `import JsSIP from 'jssip'` to `import JsSIP from '@sipkit/jssip'` (named imports
 * work too). Everything here maps onto `@sipkit/core`; an app that does not import this package
 * pays no bytes for it. Differences that remain on purpose: docs/migrating-from-jssip.md.
 *
 * @example
 * import JsSIP from '@sipkit/jssip';
 * const ua = new JsSIP.UA({ uri: 'sip:alice@example.com', password: 'secret',
 *   sockets: [new JsSIP.WebSocketInterface('wss://sip.example.com')] });
 * ua.start();
 */
import { WebSocketInterface } from '@sipkit/core';
import { C } from './constants.js';
import { debug } from './debug.js';
import { Grammar } from './grammar.js';
import * as Exceptions from './exceptions.js';
import { NameAddrHeader } from './name-addr-header.js';
import { RTCSession } from './rtc-session.js';
import { UA } from './ua.js';
import { URI } from './uri.js';
import { Utils } from './utils.js';

/** `'JsSIP'`: the API this package reproduces (apps that check `JsSIP.name` keep working). */
export const name = 'JsSIP';
/** The JsSIP release whose public API this package reproduces. */
export const version = '3.13.8';

export {
  C,
  debug,
  Exceptions,
  Grammar,
  NameAddrHeader,
  RTCSession,
  UA,
  URI,
  Utils,
  WebSocketInterface,
};
export { Message, type MessageEventHandlers, type MessageEventMap } from './message.js';
export {
  ReferSubscriber,
  type ReferEventHandlers,
  type ReferSubscriberEventMap,
} from './refer-subscriber.js';
export { EventEmitter, type JsSipListener } from './event-emitter.js';
export { ArgsEmitter, type ArgsListener } from './args-emitter.js';
export { Subscriber, type SubscriberEventMap } from './subscriber.js';
export { Notifier, type NotifierEventMap } from './notifier.js';
export { IncomingRequestView, IncomingResponseView, OutgoingRequestView } from './sip-messages.js';
export type { JsSipPeerConnection, LegacyStreamApi } from './legacy-streams.js';
export type { JsSipCallOptions, RTCSessionEventHandlers } from './call-options.js';
export type {
  JsSipAnswerOptions,
  JsSipDtmfOptions,
  JsSipReOfferOptions,
  JsSipTerminateOptions,
} from './rtc-session.js';
export type {
  JsSipEndEvent,
  JsSipReferEvent,
  JsSipSdpEvent,
  RTCSessionEventMap,
} from './rtc-session-events.js';
export type { JsSipEventHeader, UAEventMap } from './ua-events.js';
export type { JsSipSubscriberOptions } from './ua.js';

/** The default export: JsSIP's namespace object, for `import JsSIP from '@sipkit/jssip'`. */
const JsSIP = Object.freeze({
  C,
  Exceptions,
  Grammar,
  NameAddrHeader,
  RTCSession,
  UA,
  URI,
  Utils,
  WebSocketInterface,
  debug,
  name,
  version,
});
export default JsSIP;
