// Public API of the dialog layer (re-exported from the package root): RFC 3261 §12 dialogs.
export {
  Dialog,
  type DialogRequestContext,
  type DialogInit,
  type DialogRequestInit,
  type DialogState,
} from './dialog.js';
export { dialogKey, type DialogId } from './dialog-id.js';
export { requestTarget, type RequestTarget } from './route-set.js';
