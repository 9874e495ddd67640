/**
 * @sipkit/react: React bindings for SipKit. `<SipProvider config>` runs one UA per provider and
 * mirrors it into a zustand store; hooks read narrow slices of that store and call actions.
 * Data flows one way: core events -> store -> hooks -> components.
 */
export { SipProvider, type SipProviderProps } from './sip-provider.js';
export { SipContext, useSipContext } from './sip-context.js';
export { SipClient } from './client/sip-client.js';
export type { SipClientOptions } from './client/sip-client-options.js';
export type {
  AnswerCallOptions,
  DeviceChoice,
  MuteOptions,
  RenegotiateOptions,
  SipActions,
} from './client/sip-actions.js';
export { bindUaToStore, type BindOptions } from './client/bind-ua-to-store.js';
export { sameConfiguration } from './client/same-configuration.js';
export { createSipStore, type SipStore } from './store/create-sip-store.js';
export {
  initialSipState,
  registrationState,
  type ClientError,
  type ConnectionFailure,
  type ConnectionStatus,
  type DevicesState,
  type MediaDevice,
  type MessageState,
  type RegistrationState,
  type RegistrationStatus,
  type SipState,
} from './store/sip-state.js';
export type { CallState, TransferState } from './store/call-state.js';
export { useSipStore } from './hooks/use-sip-store.js';
/**
 * zustand's `useShallow`, re-exported: a selector that builds an object or array re-renders only
 * when a member changes. zustand is this package's dependency, not the app's, so under a strict
 * package manager (pnpm) the app could not import it by name.
 *
 * @example const { status, cause } = useSipStore(useShallow((s) => ({ status: s.registration.status, cause: s.registration.cause })));
 */
export { useShallow } from 'zustand/react/shallow';
export { useSipClient } from './hooks/use-sip-client.js';
export { useSipActions } from './hooks/use-sip-actions.js';
export { useRegistration, type UseRegistrationResult } from './hooks/use-registration.js';
export { useSipError } from './hooks/use-sip-error.js';
export { useCall, type UseCallResult } from './hooks/use-call.js';
export { useCallDuration } from './hooks/use-call-duration.js';
export { useCallConnection, type CallConnectionView } from './hooks/use-call-connection.js';
export { useCalls } from './hooks/use-calls.js';
export { useIncomingCall, type UseIncomingCallResult } from './hooks/use-incoming-call.js';
export { useMessages, type UseMessagesResult } from './hooks/use-messages.js';
export { useMediaDevices, type UseMediaDevicesResult } from './hooks/use-media-devices.js';
export {
  useMicrophoneStatus,
  type UseMicrophoneStatusResult,
} from './hooks/use-microphone-status.js';
export {
  readMicrophoneStatus,
  watchMicrophoneStatus,
  type MicrophoneStatus,
} from './media-devices/microphone-status.js';
export {
  useRemoteAudio,
  type RemoteAudioState,
  type UseRemoteAudioOptions,
  type UseRemoteAudioResult,
} from './hooks/use-remote-audio.js';
export { RemoteAudio, type RemoteAudioProps } from './components/remote-audio.js';
export {
  CallDuration,
  formatDuration,
  type CallDurationProps,
} from './components/call-duration.js';
export * from './subscriptions/index.js';
export * from './media-change/index.js';
export type { TabsMember, TabsMode } from './client/tabs-mode.js';
export * from './tabs/index.js';
