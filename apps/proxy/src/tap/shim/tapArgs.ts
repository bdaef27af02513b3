import { basename } from "node:path";
import { parseArgs } from "node:util";

/** What `mcpscope tap` was asked to do. */
export interface TapArgs {
  /** The session's name in mcpscope. */
  name?: string;
  /** The URL of a running mcpscope's ready line (token included). */
  scopeUrl?: string;
  dataDir?: string;
  /** `--print-config <name>`: print the client config entry instead of running. */
  printConfig?: string;
  help: boolean;
  command?: string;
  args: string[];
}

export const TAP_USAGE = `Usage: mcpscope tap [options] -- <command> [args...]
       mcpscope tap --print-config <name> [options] -- <command> [args...]

Runs <command> (an MCP server over stdio) and relays its stdin, stdout and stderr byte for
byte, while mcpscope records the session live. Put it in a client's config in place of the
server command. The session appears in the running mcpscope of the data directory (one is
started in the background when none runs); if none can be reached, it is recorded to a file
in the data directory instead. Nothing the client sees depends on mcpscope.

Options:
  --name <name>          the session's name in mcpscope (default: the command's name)
  --scope-url <url>      the mcpscope to record with: the URL its ready line printed, token included
                         (default: the newest running mcpscope of the data directory)
  --data-dir <dir>       the data directory (default: $XDG_STATE_HOME/mcpscope or ~/.local/state/mcpscope)
  --print-config <name>  print the mcpServers entry that runs <command> through the tap, and exit
  -h, --help             print this and exit

Exit status: the server's (or, killed by a signal, the same signal); 127 when <command> is
not found, 126 when it cannot be run, 2 for a usage error.`;

/** Runners whose first argument names the server better than they do. */
const RUNNERS = new Set(["node", "nodejs", "bun", "deno", "python", "python3", "uv", "uvx", "npx", "pnpm", "pnpx", "bunx", "yarn", "docker", "podman", "java", "ruby", "php", "tsx", "ts-node"]);

/**
 * The default session name: the command's name, or, for a runner (node, python, npx, uvx,
 * docker …), the name of the first argument that is not an option (`npx -y
 * @modelcontextprotocol/server-everything` → `server-everything`).
 */
export function defaultTapName(command: string, args: string[]): string {
  const own = basename(command).replace(/\.(exe|cmd|bat)$/i, "");
  if (!RUNNERS.has(own.toLowerCase())) return own;
  const first = args.find((a) => !a.startsWith("-") && !["run", "exec", "dlx", "x", "tool"].includes(a));
  // An npm package spec loses its version: @scope/pkg@1.2 → pkg. Code (node -e …) is no name.
  const name = first ? basename(first.replace(/(?!^)@[^/]*$/, "")) : "";
  return /^\S{1,64}$/.test(name) ? name : own;
}

/**
 * Parses the arguments after `mcpscope tap`: options, then `--` and the server command.
 * @throws Error with a usage message.
 */
export function parseTapArgs(argv: string[]): TapArgs {
  const dash = argv.indexOf("--");
  const own = dash === -1 ? argv : argv.slice(0, dash);
  const server = dash === -1 ? [] : argv.slice(dash + 1);
  const { values, positionals } = parseArgs({
    args: own,
    options: {
      name: { type: "string" },
      "scope-url": { type: "string" },
      "data-dir": { type: "string" },
      "print-config": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new Error(`unexpected ${JSON.stringify(positionals[0])}: put the server command after --, e.g. mcpscope tap -- node server.js`);
  return {
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values["scope-url"] !== undefined ? { scopeUrl: values["scope-url"] } : {}),
    ...(values["data-dir"] !== undefined ? { dataDir: values["data-dir"] } : {}),
    ...(values["print-config"] !== undefined ? { printConfig: values["print-config"] } : {}),
    help: values.help,
    ...(server.length > 0 ? { command: server[0] } : {}),
    args: server.slice(1),
  };
}
