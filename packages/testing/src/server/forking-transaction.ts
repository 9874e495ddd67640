import type { IncomingRequest, IncomingResponse, OutgoingRequest } from '@sipkit/core';
import type { ServerConnection } from '../network/server-connection.js';
import { forwardRequest } from './message-edit.js';
import type { Target } from './proxy-targets.js';
import { randomToken } from './random-token.js';

/** One target a request was forwarded to (RFC 3261 §16.6). */
export interface ForkBranch {
  readonly branch: string;
  readonly connectionId: string;
  readonly forwarded: OutgoingRequest;
  final: IncomingResponse | undefined;
  /** Status of a final response the proxy made up for this branch (its flow died). */
  syntheticStatus: number | undefined;
}

/**
 * The response context of a forwarded request (RFC 3261 §16.7): which branches are still
 * pending, whether a 2xx went upstream, and which final response is best when none did.
 */
export class ForkingTransaction {
  readonly upstream: ServerConnection;
  readonly request: IncomingRequest;
  readonly branches: ForkBranch[] = [];
  answered = false;
  finalSent = false;

  constructor(upstream: ServerConnection, request: IncomingRequest) {
    this.upstream = upstream;
    this.request = request;
  }

  get isInvite(): boolean {
    return this.request.method === 'INVITE';
  }

  /** The upstream client's branch, which CANCEL and the non-2xx ACK repeat (§9.2, §17.2.3). */
  get upstreamBranch(): string {
    return this.request.via[0]?.branch ?? '';
  }

  pending(): ForkBranch[] {
    return this.branches.filter((b) => b.final === undefined && b.syntheticStatus === undefined);
  }

  allFinal(): boolean {
    return this.pending().length === 0;
  }

  /**
   * §16.7 step 6: a 6xx wins; otherwise the lowest class, first received. Returns the response
   * to forward, or a status to make up when every branch died without answering.
   */
  bestResponse(): IncomingResponse | number {
    const finals = this.branches.flatMap((b) => (b.final === undefined ? [] : [b.final]));
    const global = finals.find((r) => r.status >= 600);
    if (global !== undefined) return global;
    const best = [...finals].sort(
      (a, b) => Math.floor(a.status / 100) - Math.floor(b.status / 100),
    )[0];
    if (best !== undefined) return best;
    return this.branches.find((b) => b.syntheticStatus !== undefined)?.syntheticStatus ?? 480;
  }
}

/**
 * One branch per target (RFC 3261 §16.6): a forwarded copy with a fresh Via branch, the target's
 * Request-URI, and a Record-Route of ours on requests that create a dialog (step 4).
 *
 * @example forkBranches(invite, [{ connectionId: 'ws2' }], { host: 'sip.test', popRoute: false, recordRoute: true })
 */
export function forkBranches(
  request: IncomingRequest,
  targets: readonly Target[],
  edit: { readonly host: string; readonly popRoute: boolean; readonly recordRoute: boolean },
): ForkBranch[] {
  return targets.map((target) => {
    const branch = `z9hG4bK${randomToken(16)}`;
    const forwarded = forwardRequest(request, {
      via: `SIP/2.0/WS ${edit.host};branch=${branch}`,
      popRoute: edit.popRoute,
      ...(target.ruri === undefined ? {} : { ruri: target.ruri }),
      ...(edit.recordRoute ? { recordRoute: `<sip:${edit.host};transport=ws;lr>` } : {}),
    });
    return {
      branch,
      connectionId: target.connectionId,
      forwarded,
      final: undefined,
      syntheticStatus: undefined,
    };
  });
}
