// Public API of the multi-tab media proxy (issue 25): a call's MediaHandler whose peer connection
// lives in the tab the person uses, driven over the tab channel by the owner tab's session.
export {
  fromRpcError,
  toRpcError,
  type MediaPort,
  type MediaRpcCommand,
  type MediaRpcError,
  type MediaRpcEvent,
  type MediaRpcFailure,
  type MediaRpcMessage,
  type MediaRpcMethod,
  type MediaRpcMethods,
  type MediaRpcRequest,
  type MediaRpcResult,
  type MediaStatsNumbers,
  type RemoteMediaHandlerOptions,
  type RemoteStreamNotice,
} from './media-rpc.js';
export { MediaTabGoneError } from './media-tab-gone-error.js';
export {
  createRemoteMediaHandler,
  DEFAULT_MEDIA_RPC_TIMEOUT,
  RemoteMediaHandler,
  type RemoteMediaHandlerEvents,
  type RemoteMediaHandlerSettings,
} from './remote-media-handler.js';
export {
  serveMediaHandlers,
  type MediaHandlerServer,
  type MediaHandlerServerEvents,
  type ServedMediaHandlerFactory,
} from './serve-media-handlers.js';
export { coordinatorMediaPort, MEDIA_RPC_TOPIC } from './coordinator-media-port.js';
