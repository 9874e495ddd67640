import { normalizeSockets, TransportError, type WeightedSocket } from '../transport/index.js';
import { ConfigurationError } from './configuration-error.js';

/** The `sockets` parameter in any of its three forms, as `{ socket, weight }` entries. */
export function normalizeSocketsParameter(value: unknown): readonly WeightedSocket[] {
  try {
    return normalizeSockets(value);
  } catch (error) {
    if (error instanceof TransportError) throw new ConfigurationError('sockets', error.message);
    throw error;
  }
}
