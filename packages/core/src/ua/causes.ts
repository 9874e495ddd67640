/**
 * Why something failed or ended, as a closed set of names (JsSIP's cause names, so apps that
 * switch on them keep working). `causeOfStatus` maps a final SIP status to one of them.
 */
export const Causes = {
  CONNECTION_ERROR: 'Connection Error',
  REQUEST_TIMEOUT: 'Request Timeout',
  SIP_FAILURE_CODE: 'SIP Failure Code',
  INTERNAL_ERROR: 'Internal Error',
  BUSY: 'Busy',
  REJECTED: 'Rejected',
  REDIRECTED: 'Redirected',
  UNAVAILABLE: 'Unavailable',
  NOT_FOUND: 'Not Found',
  ADDRESS_INCOMPLETE: 'Address Incomplete',
  INCOMPATIBLE_SDP: 'Incompatible SDP',
  MISSING_SDP: 'Missing SDP',
  AUTHENTICATION_ERROR: 'Authentication Error',
  /**
   * Challenged (401/407) while no `password`, `ha1` or `authorization_jwt` is configured: the
   * fix is to configure one, not to correct it (not a JsSIP cause; JsSIP says
   * "Authentication Error" for both).
   */
  NO_CREDENTIALS: 'No Credentials',
  BYE: 'Terminated',
  WEBRTC_ERROR: 'WebRTC Error',
  CANCELED: 'Canceled',
  NO_ANSWER: 'No Answer',
  EXPIRES: 'Expires',
  NO_ACK: 'No ACK',
  DIALOG_ERROR: 'Dialog Error',
  USER_DENIED_MEDIA_ACCESS: 'User Denied Media Access',
  BAD_MEDIA_DESCRIPTION: 'Bad Media Description',
  /**
   * The call's media broke (ICE `failed`, or `disconnected` past the grace period) and ICE
   * restarts did not bring it back within `iceRestart.deadline` or `iceRestart.attempts` (not a
   * JsSIP cause: JsSIP ends such a call at once with "RTP Timeout").
   */
  MEDIA_RECOVERY_FAILED: 'Media Recovery Failed',
  RTP_TIMEOUT: 'RTP Timeout',
  SESSION_TIMER_EXPIRED: 'Session Timer Expired',
} as const;

/** One of the cause names in {@link Causes}. */
export type Cause = (typeof Causes)[keyof typeof Causes];

// RFC 3261 §21 classes, with the statuses apps most often tell apart named on their own.
const BY_STATUS: ReadonlyMap<number, Cause> = new Map([
  [401, Causes.AUTHENTICATION_ERROR],
  [407, Causes.AUTHENTICATION_ERROR],
  [403, Causes.REJECTED],
  [603, Causes.REJECTED],
  [404, Causes.NOT_FOUND],
  [604, Causes.NOT_FOUND],
  [410, Causes.NOT_FOUND],
  [408, Causes.REQUEST_TIMEOUT],
  [480, Causes.UNAVAILABLE],
  [486, Causes.BUSY],
  [600, Causes.BUSY],
  [484, Causes.ADDRESS_INCOMPLETE],
  [487, Causes.CANCELED],
  [488, Causes.INCOMPATIBLE_SDP],
  [606, Causes.INCOMPATIBLE_SDP],
]);

/**
 * The cause for a final non-2xx status.
 *
 * @example causeOfStatus(486) // 'Busy'
 */
export function causeOfStatus(status: number): Cause {
  const named = BY_STATUS.get(status);
  if (named !== undefined) return named;
  if (status >= 300 && status < 400) return Causes.REDIRECTED;
  if (status === 503 || status === 502 || status === 504) return Causes.UNAVAILABLE;
  return Causes.SIP_FAILURE_CODE;
}
