import type { Command } from "commander";
import { addTargetOptions } from "./targetOptions.js";
import { headlessProgram, printAnswer, runHeadless, splitServerCommand } from "./headlessProgram.js";
import type { TargetOptions } from "./targetOptions.js";

/**
 * `mcpscope ping`: connects, sends `ping` (MCP 2025-11-25 "Utilities → Ping") and prints
 * the round trip; a connection check for scripts. See docs/cli.md.
 */
export async function pingCommand(argv: string[]): Promise<void> {
  const { own, server } = splitServerCommand(argv);
  const program = addTargetOptions(headlessProgram("mcpscope ping", "Connect to a server, send ping, print the round trip."));
  program.action((opts: TargetOptions, cmd: Command) =>
    runHeadless("ping", cmd, opts, server, async ({ request }) => {
      const answer = await request("ping");
      return printAnswer("ping", "ping", answer, opts.format, () => `pong in ${(answer.durationMs ?? 0).toFixed(1)} ms\n`);
    }),
  );
  await program.parseAsync(own);
}
