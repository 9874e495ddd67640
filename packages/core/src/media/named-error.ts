/**
 * An `Error` with a DOMException-style `name` (`InvalidStateError`, `NotSupportedError`...), so
 * our own failures can be told apart the same way the browser's are: by `name`, not by message.
 *
 * @example
 * ```ts
 * throw namedError('InvalidStateError', 'media handler is closed');
 * ```
 */
export function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
