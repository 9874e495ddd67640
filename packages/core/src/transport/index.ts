// Public API of the transport layer (re-exported from the package root).
export {};
