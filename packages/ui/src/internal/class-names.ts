/**
 * Joins class names, dropping empty ones: the component's own class first, the user's after.
 *
 * @example classNames('sk-dialpad', className) // 'sk-dialpad my-pad'
 */
export function classNames(...names: readonly (string | false | undefined)[]): string {
  return names.filter((name) => typeof name === 'string' && name !== '').join(' ');
}
