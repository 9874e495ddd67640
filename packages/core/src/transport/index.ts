// Public API of the transport layer (re-exported from the package root).
export { TransportError, type TransportErrorCode } from './transport-error.js';
export { isSocket, socketProblem, type Socket } from './socket.js';
export { TypedEmitter, type Listener, type ListenerErrorHandler } from './typed-emitter.js';
export { systemClock, type Clock } from './clock.js';
export { silentLogger, type TransportLogger } from './logger.js';
export { decodeFrame, type DecodedFrame } from './frame-decoder.js';
export type {
  WebSocketCloseEventLike,
  WebSocketConstructor,
  WebSocketLike,
  WebSocketMessageEventLike,
} from './websocket-like.js';
export { parseWebSocketUrl, type ParsedWebSocketUrl } from './websocket-url.js';
export {
  SIP_SUBPROTOCOL,
  WebSocketInterface,
  type WebSocketInterfaceOptions,
} from './websocket-interface.js';
export {
  normalizeSockets,
  type SocketsConfiguration,
  type WeightedSocket,
  type WeightedSocketInput,
} from './sockets-configuration.js';
export {
  recoveryDelay,
  DEFAULT_RECOVERY_INTERVALS,
  type RecoveryIntervals,
} from './recovery-delay.js';
export {
  classifyFrame,
  KEEP_ALIVE_PING,
  KEEP_ALIVE_PONG,
  type FrameKind,
} from './keep-alive-frames.js';
export type { KeepAlivePing, TransportOptions } from './transport-options.js';
export {
  Transport,
  type ConnectionAttemptOutcome,
  type TransportEvents,
  type TransportState,
} from './transport.js';
