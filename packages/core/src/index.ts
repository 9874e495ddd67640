/**
 * @sipkit/core: a framework-free SIP over WebSocket user agent.
 *
 * Layers, bottom-up (data flows up): transport -> message -> transaction -> dialog -> session/UA.
 * Each folder's index.ts is that layer's deliberate public surface.
 */
export * from './message/index.js';
export * from './transport/index.js';
export * from './auth/index.js';
export * from './ua/index.js';
export * from './transaction/index.js';
export {
  Registrator,
  type RegistrationEvents,
  type RegistrationSettings,
  type UnregisterOptions,
} from './registration/registrator.js';
export * from './media/index.js';
export * from './dialog/index.js';
export * from './session/index.js';
export * from './subscription/index.js';
export * from './event-packages/index.js';
export * from './publication/index.js';
export * from './media-change/index.js';
export * from './tabs/index.js';
export * from './tabs/media-proxy/index.js';
export * from './handover/index.js';
