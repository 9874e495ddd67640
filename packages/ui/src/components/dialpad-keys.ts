/** A key of the dialpad: the twelve of a phone, and `+` (long press on 0). */
export type DialpadKey =
  '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '0' | '#' | '+';

/** The keys in phone order (ITU-T E.161), with the letters printed under them. */
export const DIALPAD_KEYS: readonly { readonly key: DialpadKey; readonly letters: string }[] = [
  { key: '1', letters: '' },
  { key: '2', letters: 'ABC' },
  { key: '3', letters: 'DEF' },
  { key: '4', letters: 'GHI' },
  { key: '5', letters: 'JKL' },
  { key: '6', letters: 'MNO' },
  { key: '7', letters: 'PQRS' },
  { key: '8', letters: 'TUV' },
  { key: '9', letters: 'WXYZ' },
  { key: '*', letters: '' },
  { key: '0', letters: '+' },
  { key: '#', letters: '' },
];

/** True for a keyboard key the dialpad answers to. */
export function isDialpadKey(key: string): key is DialpadKey {
  return key.length === 1 && '0123456789*#+'.includes(key);
}
