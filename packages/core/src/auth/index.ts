// Public API of the auth layer (re-exported from the package root).
export {};
