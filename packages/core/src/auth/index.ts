/**
 * Public API of the auth layer (re-exported from the package root).
 *
 * - Digest (RFC 2617, RFC 7616, RFC 8760): {@link DigestCredentials} hold the secrets and compute
 *   responses; a {@link DigestAuthenticator} per challenge flow picks challenges, counts nonces,
 *   builds `Authorization` / `Proxy-Authorization` values and decides retries.
 * - Bearer (RFC 8898): {@link BearerCredentials}.
 * - Logging: {@link redactAuthorization}, {@link redactHeader}, {@link redactSipMessage}, {@link redactHeaderEntries}.
 *
 * Challenges come in as {@link DigestChallengeInput}, the shape of the message layer's parsed
 * `AuthChallenge`; this layer does not parse header text.
 */
export type { AuthErrorCode } from './auth-error.js';
export { AuthError } from './auth-error.js';
export { authorizationHeaderName, challengeHeaderName } from './authorization-header-name.js';
export { BearerCredentials } from './bearer.js';
export type { DigestAlgorithm, DigestAlgorithmName } from './digest-algorithm.js';
export { describeDigestAlgorithm, isDigestAlgorithmSupported } from './digest-algorithm.js';
export type { DigestAuthenticatorOptions, DigestRequest } from './digest-authenticator.js';
export { DigestAuthenticator } from './digest-authenticator.js';
export type {
  DigestChallenge,
  DigestChallengeInput,
  DigestChallengePreference,
  SelectDigestChallengesOptions,
} from './digest-challenge.js';
export { readDigestChallenge, selectDigestChallenges } from './digest-challenge.js';
export type {
  DigestCredentialsInit,
  DigestCredentialsSummary,
  DigestResponseRequest,
} from './digest-credentials.js';
export { DigestCredentials } from './digest-credentials.js';
export type { DigestHashName } from './digest-hash.js';
export { digestHex, isDigestHashSupported } from './digest-hash.js';
export type { DigestAuthorizationFields } from './digest-header.js';
export { formatDigestAuthorization } from './digest-header.js';
export type { DigestQop, DigestResponseInput } from './digest-response.js';
export { computeDigestHa1, computeDigestResponse } from './digest-response.js';
export type { DigestAttempt, DigestRetryDecision } from './digest-retry.js';
export { decideDigestRetry } from './digest-retry.js';
export {
  REDACTED,
  redactAuthorization,
  redactHeader,
  redactHeaderEntries,
  redactSipMessage,
} from './redact.js';
