import type { Library } from './phone.js';

/** The page's query parameters: which library, which user, and whether to answer by itself. */
export interface PhoneConfig {
  readonly library: Library;
  readonly ws: string;
  readonly uri: string;
  readonly password: string;
  /** Answer every incoming call at once (the call-setup callee). */
  readonly autoAnswer: boolean;
}

export function readConfig(search: string): PhoneConfig {
  const params = new URLSearchParams(search);
  const library = params.get('library');
  if (library !== 'sipkit' && library !== 'jssip') throw new Error(`unknown library ${library}`);
  return {
    library,
    ws: params.get('ws') ?? '',
    uri: params.get('uri') ?? '',
    password: params.get('password') ?? '',
    autoAnswer: params.get('autoAnswer') === '1',
  };
}
