import type { IncomingRequest, IncomingResponse, OutgoingRequest } from '@sipkit/core';
import type { ServerConnection } from '../network/server-connection.js';

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
