import { resolve } from "node:path";
import { Command } from "commander";
import { HELP_AFTER_ERROR, parsePort } from "./optionParsers.js";
import { serve } from "./serve.js";

/** `mcpscope view <file.jsonl>…`: serves recordings read-only, with no server to connect to. */
export async function viewCommand(argv: string[]): Promise<void> {
  const program = new Command()
    .name("mcpscope view")
    .description("Open recordings (.jsonl, as exported by mcpscope) in the web app, read-only.")
    .argument("<files...>", "recordings to open")
    .option("-p, --port <n>", "port to listen on", parsePort, 6280)
    .option("--no-open", "do not open a browser (implied when CI is set)")
    .option("--token <t>", "API token (default: $MCPSCOPE_TOKEN, else random)")
    .option("--data-dir <dir>", "data directory (recordings of live sessions)")
    .option("--json", "print one JSON object ({ url, origin, port, token, version, recordings }) on stdout when ready, instead of the ready line")
    .showHelpAfterError(HELP_AFTER_ERROR);
  program.parse(argv);
  const opts = program.opts<{ port: number; open: boolean; token?: string; dataDir?: string; json?: boolean }>();
  await serve(program, {
    port: opts.port,
    host: "127.0.0.1",
    token: opts.token,
    open: opts.open,
    dataDir: opts.dataDir ? resolve(opts.dataDir) : undefined,
    recordings: program.args,
    json: opts.json,
  });
}
