/**
 * JsSIP ships no types for its parser module, so this declares the part the benchmark calls.
 * These describe JsSIP 3.13's runtime objects; they are not SipKit types.
 */
declare module 'jssip/lib/Parser.js' {
  interface JsSipUri {
    readonly user: string | undefined;
    readonly host: string;
  }
  interface JsSipNameAddr {
    readonly uri: JsSipUri;
  }
  interface JsSipIncomingMessage {
    /** The request method; for a response, JsSIP copies the CSeq method here. */
    readonly method: string;
    readonly from: JsSipNameAddr;
    readonly to: JsSipNameAddr;
    /** The top Via, parsed. */
    readonly via: { readonly branch: string; readonly host: string };
    readonly call_id: string;
    /** The CSeq number. */
    readonly cseq: number;
    /** A header's parsed value (cached after the first parse); CSeq parses to its number and method. */
    parseHeader(name: 'cseq'): { readonly value: number; readonly method: string } | undefined;
  }
  export interface JsSipIncomingRequest extends JsSipIncomingMessage {
    readonly ruri: JsSipUri;
  }
  export interface JsSipIncomingResponse extends JsSipIncomingMessage {
    readonly status_code: number;
    readonly reason_phrase: string;
  }
  /** `ua` is kept on requests for replying later; parsing itself never reads it. */
  export function parseMessage(
    data: string,
    ua: object,
  ): JsSipIncomingRequest | JsSipIncomingResponse | undefined;
}
