import { isAbsolute, join, sep } from "node:path";

/** An `mcpServers` entry: what a client runs. */
export interface ClientServerEntry {
  command: string;
  args: string[];
}

export interface TapInvocation {
  /** The mcpscope package directory this runs from. */
  packageDir: string;
  version: string;
  /** The Node binary running this. */
  node: string;
}

/**
 * True when this mcpscope runs from npm's `npx` cache (`…/_npx/<hash>/node_modules/…`),
 * which npm may clear at any time: a config must not point into it.
 */
export function isNpxCache(packageDir: string): boolean {
  return packageDir.split(sep).includes("_npx");
}

/**
 * The config entry that runs `command args` through `mcpscope tap`. Installed mcpscope
 * (global, or a project's `node_modules`): the absolute path of this Node and of mcpscope's
 * bin, so the client needs neither on its PATH (GUI clients often have a minimal PATH, and
 * a version manager's `node` is not on it). Run through `npx`: `npx -y mcpscope@<version>`,
 * since npx's cache is no stable place to point at.
 */
export function tapConfigEntry(name: string, command: string, args: string[], via: TapInvocation, extra: string[] = []): ClientServerEntry {
  const tapArgs = ["tap", "--name", name, ...extra, "--", command, ...args];
  if (isNpxCache(via.packageDir)) return { command: "npx", args: ["-y", `mcpscope@${via.version}`, ...tapArgs] };
  return { command: via.node, args: [join(via.packageDir, "bin", "mcpscope.mjs"), ...tapArgs] };
}

/**
 * The text `mcpscope tap --print-config <name>` prints: `{"mcpServers": {<name>: entry}}`,
 * to paste into Claude Desktop's, Cursor's or another client's config (VS Code's
 * `.vscode/mcp.json` takes the same entry under `servers`).
 */
export function printConfigText(name: string, entry: ClientServerEntry): string {
  return JSON.stringify({ mcpServers: { [name]: entry } }, null, 2);
}

/** Arguments that look like paths relative to the current directory (a client runs elsewhere). */
export function relativePaths(command: string, args: string[]): string[] {
  return [command, ...args].filter((a) => !isAbsolute(a) && /^\.\.?[\\/]/.test(a));
}
