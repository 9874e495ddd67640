// Public API of the message layer (re-exported from the package root): parsing, typed headers,
// formatting and serializing SIP messages (RFC 3261 §7, §19, §20, §25).
export { SipParseError, type SipParseErrorLocation } from './sip-parse-error.js';
export { SipSerializeError } from './sip-serialize-error.js';
export { parseMessage, DEFAULT_MAX_MESSAGE_SIZE, type ParseOptions } from './parse-message.js';
export {
  IncomingRequest,
  IncomingResponse,
  type IncomingMessage,
  type RawHeader,
} from './incoming-message.js';
export { parseUri, formatUri, type SipUri, type SipUriInit, type UriScheme } from './uri.js';
export { type Params } from './params.js';
export {
  parseNameAddr,
  formatNameAddr,
  formatHeaderParams,
  quoteString,
  type NameAddr,
  type NameAddrInit,
} from './name-addr.js';
export { parseVia, parseViaList, formatVia, type Via, type ViaInit } from './via.js';
export {
  parseCSeq,
  parseCallId,
  parseMaxForwards,
  parseDeltaSeconds,
  parseTokenList,
  type CSeq,
} from './basic-headers.js';
export { parseContact, parseContactList, type Contact, type ContactList } from './contact.js';
export { parseRouteList } from './route.js';
export {
  parseChallenge,
  parseCredentials,
  formatChallenge,
  formatCredentials,
  UNQUOTED_CHALLENGE_PARAMS,
  UNQUOTED_CREDENTIAL_PARAMS,
  type AuthChallenge,
  type AuthCredentials,
} from './auth-header.js';
export {
  parseSessionExpires,
  parseMinSe,
  type SessionExpires,
  type MinSe,
} from './session-timer.js';
export { parseContentType, type ContentType } from './content-type.js';
export {
  parseEvent,
  parseSubscriptionState,
  type EventHeader,
  type SubscriptionState,
} from './event.js';
export { parseReasonList, type ReasonValue } from './reason.js';
export { parseReplaces, type Replaces } from './replaces.js';
export { isTypedHeaderName, type TypedHeaderMap, type TypedHeaderName } from './typed-headers.js';
export { headerKey, isListHeader } from './header-names.js';
export { illegalTextAt } from './chars.js';
export { splitHeaderList } from './split-list.js';
export { unquote } from './value-scanner.js';
export {
  serializeRequest,
  serializeResponse,
  serializeMessage,
  defaultReasonPhrase,
  type HeaderEntry,
  type OutgoingRequest,
  type OutgoingResponse,
  type OutgoingMessage,
} from './serialize.js';
export { createResponse, type CreateResponseOptions } from './create-response.js';
export { salvageRequest } from './salvage-request.js';
