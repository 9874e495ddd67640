/**
 * Thrown by a `TabCoordinator` when it is given something it cannot use: a missing lock manager
 * or channel, a bad option, a reserved topic, a body the browser cannot copy to another tab.
 * `parameter` names the option or argument at fault; the message says what to change.
 *
 * @example
 * try { coordinator.send('store/patch', { run: () => 1 }); } catch (e) {
 *   if (e instanceof TabCoordinatorError) console.log(e.parameter); // 'body'
 * }
 */
export class TabCoordinatorError extends Error {
  override readonly name = 'TabCoordinatorError';
  /** The option or argument at fault, e.g. `locks`, `group`, `topic`, `body`. */
  readonly parameter: string;

  constructor(parameter: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.parameter = parameter;
  }
}
