const PREFIX = "mcpscope:args:";

function key(serverName: string, toolName: string): string {
  return `${PREFIX}${serverName}:${toolName}`;
}

/** The arguments last sent to this tool of this server, if any were kept. */
export function loadArguments(serverName: string, toolName: string): Record<string, unknown> | undefined {
  try {
    const text = localStorage.getItem(key(serverName, toolName));
    const value: unknown = text ? JSON.parse(text) : undefined;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the arguments last sent to this tool (localStorage; quota errors are ignored). */
export function saveArguments(serverName: string, toolName: string, args: Record<string, unknown>): void {
  try {
    localStorage.setItem(key(serverName, toolName), JSON.stringify(args));
  } catch {
    // Storage full or disabled: remembering arguments is a convenience only.
  }
}
