// Handing an established call to another user agent of the same AOR (issue 25: the tab that
// takes over from a closed owner tab goes on with its calls). Functions over a `Session` and a
// `UA`, not methods: the session class is in every call app, these modules only in apps that
// import them.
export { callStateOf, watchCallState } from './call-state.js';
export { resumeCall, RESUMED_CSEQ_MARGIN, type ResumeCallOptions } from './resume-call.js';
export {
  readSharedCallState,
  SharedCallStateError,
  SHARED_CALL_STATE_VERSION,
  type SharedCallState,
  type SharedIdentity,
  type SharedSessionTimer,
} from './shared-call-state.js';
