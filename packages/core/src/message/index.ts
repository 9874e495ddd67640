// Public API of the message layer (re-exported from the package root).
export {};
