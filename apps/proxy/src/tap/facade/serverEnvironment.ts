/** Variables a server process inherits from mcpscope's environment; the rest is left out. */
const INHERITED = process.platform === "win32" ? ["APPDATA", "HOMEDRIVE", "HOMEPATH", "LOCALAPPDATA", "PATH", "PROCESSOR_ARCHITECTURE", "SYSTEMDRIVE", "SYSTEMROOT", "TEMP", "USERNAME", "USERPROFILE", "PROGRAMFILES"] : ["HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER", "LANG", "TMPDIR"];

/**
 * The environment a bridged stdio server starts with: a few harmless variables of mcpscope's
 * own (PATH, HOME …, as MCP clients do), so that mcpscope's secrets (its token) never reach
 * a server, then the tap's configured `env` over them.
 */
export function serverEnvironment(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {};
  for (const name of INHERITED) {
    const value = process.env[name];
    if (value !== undefined && !value.startsWith("()")) base[name] = value;
  }
  return { ...base, ...env };
}
