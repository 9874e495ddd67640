import { NameAddrHeader } from './name-addr-header.js';
import { URI } from './uri.js';

/** The start rules `Grammar.parse` understands. */
export type GrammarRule = 'SIP_URI' | 'NameAddrHeader' | 'Name_Addr_Header';

/**
 * JsSIP exports its generated parser as `Grammar`; apps use it to check a SIP URI or a
 * name-addr. SipKit's parser (RFC 3261 §25) answers the same question for those start rules,
 * returning `-1` when the text does not match, as JsSIP's does. Other rules throw.
 *
 * @example Grammar.parse('sip:bob@example.com', 'SIP_URI') !== -1 // true
 */
export const Grammar = Object.freeze({
  parse(input: string, startRule: GrammarRule): URI | NameAddrHeader | -1 {
    switch (startRule) {
      case 'SIP_URI':
        return URI.parse(input) ?? -1;
      case 'NameAddrHeader':
      case 'Name_Addr_Header':
        return NameAddrHeader.parse(input) ?? -1;
      default:
        throw new TypeError(
          `Grammar rule "${String(startRule)}" is not supported by @sipkit/jssip (see docs/migrating-from-jssip.md)`,
        );
    }
  },
});
