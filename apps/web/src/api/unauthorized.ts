type Listener = () => void;
const listeners = new Set<Listener>();

/** Registers a callback run whenever the proxy answers 401; returns an unsubscribe function. */
export function onUnauthorized(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells every listener that the token is missing or invalid. */
export function reportUnauthorized(): void {
  for (const listener of listeners) listener();
}
