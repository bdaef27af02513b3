import { resolve } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import type { ProtocolChoice, SessionTarget } from "@mcpscope/protocol";
import { defaultServerTarget } from "./sessions/defaultServer.js";
import { ServerCatalog } from "./sessions/serverCatalog.js";
import { HELP_AFTER_ERROR, PINNABLE_REVISIONS, parseCount, parsePort, PROTOCOLS, TRANSPORTS } from "./commands/optionParsers.js";
import { VERSION } from "./version.js";

const DEFAULT_PORT = 6280;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

function collectEnv(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf("=");
  if (eq <= 0) throw new InvalidArgumentError(`expected KEY=VALUE, got "${value}".`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

function collectList(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function collectHeader(value: string, previous: Record<string, string>): Record<string, string> {
  const colon = value.indexOf(":");
  if (colon <= 0) throw new InvalidArgumentError(`expected "Name: value", got "${value}".`);
  return { ...previous, [value.slice(0, colon).trim()]: value.slice(colon + 1).trim() };
}


type Subcommand = (argv: string[]) => Promise<void>;
// Loaded on use: a headless command (`tools list`) never loads the HTTP server, which is
// most of a cold start.
const SUBCOMMANDS: Record<string, () => Promise<Subcommand>> = {
  view: async () => (await import("./commands/view.js")).viewCommand,
  replay: async () => (await import("./commands/replay.js")).replayCommand,
  diff: async () => (await import("./commands/diff.js")).diffCommand,
  tools: async () => (await import("./headless/toolsCommand.js")).toolsCommand,
  resources: async () => (await import("./headless/resourcesCommand.js")).resourcesCommand,
  prompts: async () => (await import("./headless/promptsCommand.js")).promptsCommand,
  ping: async () => (await import("./headless/pingCommand.js")).pingCommand,
  run: async () => (await import("./headless/runCommand.js")).runCommand,
  check: async () => (await import("./headless/checkCommand.js")).checkCommand,
  // From the sources (`pnpm dev`); the built CLI runs dist/tap.cjs for `mcpscope tap` directly.
  tap: async () => {
    const { tapCommand } = await import("./tap/shim/tapCommand.js");
    return (argv) => tapCommand(argv.slice(2));
  },
};

/**
 * Runs the `mcpscope` command line: `mcpscope [options] [-- command…]` inspects a server;
 * `mcpscope view|replay|diff …` work with recordings.
 */
export async function main(argv: string[]): Promise<void> {
  const sub = SUBCOMMANDS[argv[2] ?? ""];
  if (sub) return (await sub())([argv[0]!, `${argv[1]} ${argv[2]}`, ...argv.slice(3)]);
  const program = new Command()
    .name("mcpscope")
    .description("Inspect Model Context Protocol servers in the browser: every frame, every schema.")
    .version(VERSION)
    .usage(
      "[options] [-- <command> [args...]]\n       mcpscope view <file.jsonl>\n       mcpscope replay <file.jsonl> [-- <command> | --url <url>]\n       mcpscope diff <a.jsonl> <b.jsonl>\n" +
        "       mcpscope tools list|call <name>, resources list|templates|read <uri>, prompts list|get <name>, ping  [server options] [-- <command>]\n" +
        "       mcpscope run <collection.json> [--junit <file>] [server options]\n       mcpscope check <recording.jsonl> [--junit <file>] (-- <command> | --url <url>)\n" +
        "       mcpscope tap [--name <n>] -- <command> [args...]   (see mcpscope tap --help)",
    )
    .option("-p, --port <n>", "port to listen on", parsePort, DEFAULT_PORT)
    .option("--host <addr>", "address to bind (loopback only unless --expose)", "127.0.0.1")
    .option("--expose", "allow binding a non-loopback address (anyone who can reach it and has the token can run commands)")
    .option("--no-open", "do not open a browser (implied when CI is set)")
    .option("--token <t>", "API token (default: $MCPSCOPE_TOKEN, else random)")
    .option("-e, --env <KEY=VALUE>", "environment variable for the server (repeatable)", collectEnv, {})
    .option("--cwd <dir>", "working directory for the server")
    .option("--url <url>", "connect to a remote server (Streamable HTTP, falling back to SSE)")
    .option("--transport <t>", "with --url: streamable-http or sse (default: try both)")
    .option("--header <Name: value>", "with --url: an HTTP header for every request (repeatable)", collectHeader, {})
    .option("--client-id <id>", "with --url: a pre-registered OAuth client id (skips registration)")
    .option("--client-secret <secret>", "with --client-id: its secret, for a confidential client (also $MCPSCOPE_OAUTH_CLIENT_SECRET)")
    .option("--client-metadata-url <url>", "with --url: the https URL of a Client ID Metadata Document to use as client id")
    .option("--scope <scopes>", "with --url: OAuth scopes to ask for when the server names none")
    .option("--grant <grant>", "with --url: authorization_code (default) or client_credentials (no user; needs --client-id and --client-secret)")
    .option("--oauth <mode>", "with --url: interactive (sign in in the browser), headless (follow the authorization URL without a person; default with --no-open or CI) or off")
    .option("--persist-tokens", "keep OAuth tokens in the data directory (file mode 0600) across restarts, instead of memory only")
    .option("--protocol <v|auto>", `MCP revision to speak: auto (probe with server/discover, else initialize), or one of ${PINNABLE_REVISIONS}`, "auto")
    .option("--no-connect", "connect to no server at start (e.g. to watch taps); the page can still connect")
    .option("--config <file>", "an mcpServers config file (Claude Desktop / Cursor / VS Code shape): its servers are listed in the UI")
    .option("--server <name>", "with --config: connect to this server at start")
    .option("--tap <server>", "with --config: serve an HTTP facade for this server (repeatable): clients connect to http://127.0.0.1:<port>/tap/<server>/<token>/mcp and mcpscope records them", collectList, [])
    .option("--data-dir <dir>", "where recordings are kept (default: $XDG_STATE_HOME/mcpscope or ~/.local/state/mcpscope)")
    .option("--collections <dir>", "where collections (saved requests with assertions) are kept (default: <data dir>/collections)")
    .option("--keep <n>", "keep at most this many recorded sessions", parseCount)
    .option("--keep-days <n>", "delete recordings older than this many days", parseCount)
    .option("--json", "print one JSON object ({ url, origin, port, token, version, sessionId, status, error, … }) on stdout when ready, instead of the ready line")
    .argument("[command...]", "stdio server command after --; default: @modelcontextprotocol/server-everything")
    .showHelpAfterError(HELP_AFTER_ERROR);
  program.parse(argv);
  const opts = program.opts<{
    port: number;
    host: string;
    expose?: boolean;
    open: boolean;
    connect: boolean;
    token?: string;
    env: Record<string, string>;
    cwd?: string;
    url?: string;
    transport?: string;
    header: Record<string, string>;
    protocol: string;
    clientId?: string;
    clientSecret?: string;
    clientMetadataUrl?: string;
    scope?: string;
    grant?: string;
    oauth?: string;
    persistTokens?: boolean;
    config?: string;
    server?: string;
    tap: string[];
    dataDir?: string;
    collections?: string;
    keep?: number;
    keepDays?: number;
    json?: boolean;
  }>();
  const [command, ...args] = program.args;

  if (!LOOPBACK.has(opts.host) && !opts.expose) {
    program.error(
      `mcpscope: refusing to bind ${opts.host}: mcpscope starts processes on request, so it listens on loopback only.\nPass --expose as well if you really mean to serve it on this address.`,
    );
  }
  if (opts.transport && !TRANSPORTS.includes(opts.transport)) program.error(`mcpscope: --transport must be one of ${TRANSPORTS.join(", ")}.`);
  if (opts.transport && !opts.url) program.error("mcpscope: --transport goes with --url.");
  if (!PROTOCOLS.includes(opts.protocol)) program.error(`mcpscope: --protocol must be one of ${PROTOCOLS.join(", ")}.`);
  if (opts.protocol === "2026-07-28" && opts.transport === "sse") program.error("mcpscope: --protocol 2026-07-28 is not spoken over --transport sse (HTTP+SSE predates it); use streamable-http.");
  if (opts.server && !opts.config) program.error("mcpscope: --server names a server of a --config file; pass --config <file> too.");
  if (opts.tap.length && !opts.config) program.error("mcpscope: --tap names a server of a --config file; pass --config <file> too (or create taps in the page, or with POST /api/taps).");
  const oauthFlags = ["clientId", "clientSecret", "clientMetadataUrl", "scope", "grant", "oauth"] as const;
  if (!opts.url && !opts.server && oauthFlags.some((f) => opts[f] !== undefined)) program.error("mcpscope: the OAuth options (--client-id, --client-secret, --client-metadata-url, --scope, --grant, --oauth) go with --url or --server.");
  if (opts.oauth && !["interactive", "headless", "off"].includes(opts.oauth)) program.error("mcpscope: --oauth must be interactive, headless or off.");
  if (opts.grant && !["authorization_code", "client_credentials"].includes(opts.grant)) program.error("mcpscope: --grant must be authorization_code or client_credentials.");
  if (opts.grant === "client_credentials" && !(opts.clientId && (opts.clientSecret ?? process.env.MCPSCOPE_OAUTH_CLIENT_SECRET))) program.error("mcpscope: --grant client_credentials needs --client-id and --client-secret (or MCPSCOPE_OAUTH_CLIENT_SECRET).");
  if (opts.clientSecret && !opts.clientId) program.error("mcpscope: --client-secret goes with --client-id.");
  if (opts.clientMetadataUrl && !/^https?:\/\//.test(opts.clientMetadataUrl)) program.error("mcpscope: --client-metadata-url must be an https: URL (http: only on loopback).");
  if ([command, opts.url, opts.server].filter(Boolean).length > 1) program.error("mcpscope: give one server: a command after --, --url, or --server.");
  if (!opts.connect && (command || opts.url || opts.server)) program.error("mcpscope: --no-connect starts without a server; drop it, or drop the server.");

  // Relative paths are the user's: resolve them against the directory mcpscope was started in,
  // so that the recorded target still names the same directory when replayed from elsewhere.
  const cwd = opts.cwd ? resolve(opts.cwd) : undefined;
  let catalog: ServerCatalog | undefined;
  if (opts.config) {
    try {
      catalog = await ServerCatalog.load(opts.config);
    } catch (err) {
      program.error(`mcpscope: ${(err as Error).message}`);
    }
  }
  let target: SessionTarget | undefined;
  if (opts.server) {
    try {
      target = catalog!.target(opts.server);
    } catch (err) {
      program.error(`mcpscope: ${(err as Error).message} ${(err as { hint?: string }).hint ?? ""}`);
    }
  } else if (opts.url) {
    target = { transport: (opts.transport ?? "auto") as "auto", url: opts.url, headers: opts.header, revealSecrets: false };
  } else if (command) {
    target = { transport: "stdio", command, args, env: opts.env, cwd: cwd ?? process.cwd() };
  } else if (!catalog && opts.connect) {
    target = { ...defaultServerTarget(), env: opts.env, ...(cwd ? { cwd } : {}) };
  }

  // OAuth for the server connected to at start: headless when nobody is there to sign in
  // (--no-open, CI), unless --oauth says otherwise; given options override a --server entry's.
  if (target && target.transport !== "stdio") {
    const secret = opts.clientSecret ?? process.env.MCPSCOPE_OAUTH_CLIENT_SECRET;
    const accessToken = process.env.MCPSCOPE_OAUTH_ACCESS_TOKEN;
    const mode = (opts.oauth ?? target.oauth?.mode ?? (!opts.open || process.env.CI ? "headless" : "interactive")) as "interactive" | "headless" | "off";
    target = {
      ...target,
      oauth: {
        grant: "authorization_code",
        persistTokens: false,
        ...target.oauth,
        mode,
        ...(opts.clientId ? { clientId: opts.clientId } : {}),
        ...(opts.clientId && secret ? { clientSecret: secret } : {}),
        ...(opts.clientMetadataUrl ? { clientMetadataUrl: opts.clientMetadataUrl } : {}),
        ...(opts.scope ? { scope: opts.scope } : {}),
        ...(opts.grant ? { grant: opts.grant as "authorization_code" | "client_credentials" } : {}),
        ...(accessToken ? { accessToken } : {}),
        ...(opts.persistTokens ? { persistTokens: true } : {}),
      },
    };
  }

  // --protocol applies to the server mcpscope connects to at start, over a --server entry's
  // own `mcpscope.protocol`; absent, that entry's choice or auto.
  if (target && program.getOptionValueSource("protocol") === "cli") target = { ...target, protocol: opts.protocol as ProtocolChoice };

  const { serve } = await import("./commands/serve.js");
  await serve(program, {
    port: opts.port,
    host: opts.host,
    token: opts.token,
    open: opts.open,
    dataDir: opts.dataDir ? resolve(opts.dataDir) : undefined,
    collectionsDir: opts.collections ? resolve(opts.collections) : undefined,
    target,
    catalog,
    retention: { keepSessions: opts.keep, keepDays: opts.keepDays },
    json: opts.json,
    taps: opts.tap,
  });
}
