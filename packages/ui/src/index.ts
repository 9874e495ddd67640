/**
 * @sipkit/ui: accessible softphone components over @sipkit/react's hooks. Each is thin markup
 * that shows its state as `data-*` attributes, takes `className` and forwards its ref; one
 * stylesheet (`@sipkit/ui/styles.css`) themes them through CSS custom properties.
 */
export { Dialpad, type DialpadProps } from './components/dialpad.js';
export { DIALPAD_KEYS, isDialpadKey, type DialpadKey } from './components/dialpad-keys.js';
export { DialInput, type DialInputProps } from './components/dial-input.js';
export { CallButton, type CallButtonProps } from './components/call-button.js';
export { HangupButton, type HangupButtonProps } from './components/hangup-button.js';
export {
  CallControls,
  type CallControlName,
  type CallControlsProps,
} from './components/call-controls.js';
export { MuteButton, type MuteButtonProps } from './controls/mute-button.js';
export { HoldButton, type HoldButtonProps } from './controls/hold-button.js';
export { CameraButton, type CameraButtonProps } from './controls/camera-button.js';
export { VideoButton, type VideoButtonProps } from './controls/video-button.js';
export { ScreenShareButton, type ScreenShareButtonProps } from './controls/screen-share-button.js';
export { useVideoToggle, type VideoToggle } from './controls/use-video-toggle.js';
export {
  useScreenShareToggle,
  type ScreenShareToggle,
} from './controls/use-screen-share-toggle.js';
export {
  DevicesButton,
  KeypadButton,
  TransferButton,
  type PanelButtonProps,
} from './controls/panel-buttons.js';
export type { ControlProps } from './controls/control-button.js';
export { useMuteToggle } from './controls/use-mute-toggle.js';
export { useHoldToggle, type HoldToggle } from './controls/use-hold-toggle.js';
export { useCameraToggle } from './controls/use-camera-toggle.js';
export {
  useDevicesToggle,
  useKeypadToggle,
  useTransferToggle,
  type PanelToggle,
} from './controls/use-panel-toggle.js';
export type { ControlButtonProps, ControlToggle } from './controls/toggle-result.js';
export { TransferForm, type TransferFormProps } from './components/transfer-form.js';
export {
  IncomingCallBanner,
  type IncomingCallBannerProps,
} from './components/incoming-call-banner.js';
export {
  PresenceBadge,
  presenceText,
  type PresenceBadgeProps,
} from './components/presence-badge.js';
export {
  BuddyList,
  type Buddy,
  type BuddyListProps,
  type PickupRequest,
} from './components/buddy-list.js';
export {
  VoicemailIndicator,
  type VoicemailIndicatorProps,
} from './components/voicemail-indicator.js';
export {
  RegistrationBadge,
  registrationText,
  type RegistrationBadgeProps,
} from './components/registration-badge.js';
export {
  RegistrationProblemNotice,
  type RegistrationProblemNoticeProps,
} from './components/registration-problem-notice.js';
export { registrationProblem, type RegistrationProblem } from './internal/registration-problem.js';
export { MicrophoneNotice, type MicrophoneNoticeProps } from './components/microphone-notice.js';
export {
  microphoneAdvice,
  microphoneBlocksCalls,
  type MicrophoneAdvice,
} from './devices/microphone-advice.js';
export { NO_MICROPHONE_DECLINE, receiveOnlyAnswerOptions } from './devices/receive-only-answer.js';
export { useAnswerIncoming, type UseAnswerIncomingResult } from './devices/use-answer-incoming.js';
export {
  CALL_WAITING_BEEP,
  RINGBACK,
  RINGTONE,
  type TonePattern,
} from './attention/tone-pattern.js';
export type { Sound, SoundState } from './attention/sound-player.js';
export {
  browserAudioContext,
  type AudioContextFactory,
  type AudioContextLike,
  type GainLike,
  type OscillatorLike,
} from './attention/audio-context-like.js';
export {
  useRingtone,
  type UseRingtoneOptions,
  type UseRingtoneResult,
} from './attention/use-ringtone.js';
export { useRingback, type UseRingbackOptions } from './attention/use-ringback.js';
export {
  useIncomingCallNotification,
  type NotificationPermissionState,
  type UseIncomingCallNotificationOptions,
  type UseIncomingCallNotificationResult,
} from './attention/use-incoming-call-notification.js';
export { useTabTitleAlert, type UseTabTitleAlertOptions } from './attention/use-tab-title-alert.js';
export { useDocumentHidden } from './attention/use-document-hidden.js';
export {
  DEFAULT_CALL_SHORTCUTS,
  isTypingTarget,
  matchesShortcut,
  type CallShortcutAction,
  type CallShortcuts,
} from './keyboard/call-shortcuts.js';
export { CallShortcutsContext, useShortcutOf } from './keyboard/shortcuts-context.js';
export { useCallShortcuts, type UseCallShortcutsOptions } from './keyboard/use-call-shortcuts.js';
export { useTypedDtmf } from './keyboard/use-typed-dtmf.js';
export {
  nextActionSelector,
  useNextActionFocus,
  type NextAction,
} from './focus/use-next-action-focus.js';
export { CallTimer, type CallTimerProps } from './components/call-timer.js';
export { CallList, type CallListProps } from './components/call-list.js';
export { CallPanel, type CallPanelProps } from './components/call-panel.js';
export {
  DeviceSelector,
  type DeviceKind,
  type DeviceSelectorProps,
} from './components/device-selector.js';
export { VideoView, type VideoViewProps } from './components/video-view.js';
export { CallVideo, type CallVideoProps } from './components/call-video.js';
export {
  RemoteVideo,
  ScreenShareView,
  type RemoteTrackViewProps,
} from './components/remote-video.js';
export { Softphone, type SoftphoneProps } from './components/softphone.js';
export {
  useSoftphoneAttention,
  type SoftphoneAttention,
  type SoftphoneAttentionOptions,
} from './components/softphone-attention.js';
export { DisconnectButton, type DisconnectButtonProps } from './components/disconnect-button.js';
export { SipLadder, type SipLadderProps } from './components/sip-ladder.js';
export {
  CallQuality,
  qualityOf,
  type CallQualityLevel,
  type CallQualityProps,
} from './components/call-quality.js';
export { Sparkline, type SparklineProps } from './components/sparkline.js';
export {
  useCallStats,
  type CallStatsResult,
  type UseCallStatsOptions,
} from './hooks/use-call-stats.js';
export { createSipTrace, type SipTrace, type SipTraceOptions } from './trace/create-sip-trace.js';
export type { TracedMessage } from './trace/traced-message.js';
export { useSipTrace } from './trace/use-sip-trace.js';
export { dialKind, normalizeDialString, type DialKind } from './dial/normalize-dial-string.js';
export { callLabel, callDataState } from './internal/call-label.js';
export {
  MAX_SHOWN_ADDRESS,
  MAX_SHOWN_NAME,
  MAX_TITLE,
  partyAddress,
  partyName,
  partyTitle,
} from './internal/party.js';
export { truncateText } from './internal/truncate-text.js';
export { defaultMessages } from './messages/default-messages.js';
export {
  mergeMessages,
  SipKitMessagesProvider,
  useMessages,
  type SipKitMessagesProviderProps,
} from './messages/messages-provider.js';
export type {
  BannerMessages,
  CallListMessages,
  CallMessages,
  ControlMessages,
  DeviceMessages,
  DialMessages,
  DisconnectMessages,
  LadderMessages,
  PresenceMessages,
  ProblemMessages,
  QualityMessages,
  QualityMetric,
  RegistrationMessages,
  SipKitMessages,
  SipKitMessagesOverride,
  SoftphoneMessages,
  TransferMessages,
  VideoMessages,
} from './messages/sipkit-messages.js';
