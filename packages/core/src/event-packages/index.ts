// Public API of the event packages (re-exported from the package root): body parsers and
// builders for presence (PIDF/RPID), dialog-info (busy lamps) and message-summary (MWI), over a
// small XML reader. Pure functions: an app that does not call them bundles none of them.
export { EventBodyError } from './event-body-error.js';
export { parseXml, MAX_XML_DEPTH, type XmlElement } from './xml-reader.js';
export {
  parsePresence,
  buildPresence,
  PIDF_NAMESPACE,
  RPID_NAMESPACE,
  DATA_MODEL_NAMESPACE,
  PIDF_CONTENT_TYPE,
  type PresenceDocument,
  type PresenceTuple,
  type PresenceInit,
} from './presence.js';
export {
  parseDialogInfo,
  buildDialogInfo,
  busyLampOf,
  DIALOG_INFO_NAMESPACE,
  DIALOG_INFO_CONTENT_TYPE,
  type BusyLamp,
  type DialogInfoDocument,
  type DialogInfoEntry,
  type DialogInfoInit,
  type DialogInfoState,
  type DialogParticipant,
} from './dialog-info.js';
export {
  parseMessageSummary,
  buildMessageSummary,
  MESSAGE_SUMMARY_CONTENT_TYPE,
  type MessageCounts,
  type MessageSummary,
  type MessageSummaryInit,
} from './message-summary.js';
