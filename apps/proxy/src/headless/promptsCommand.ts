import type { Command } from "commander";
import { collectList } from "../commands/optionParsers.js";
import { headlessProgram, leafCommand, printAnswer, requestAllPages, runHeadless, splitServerCommand } from "./headlessProgram.js";
import { listText, promptText } from "./output.js";
import type { TargetOptions } from "./targetOptions.js";
import { parseArgPairs, parseArgsJson } from "./toolArgs.js";

/**
 * `mcpscope prompts list|get`: the server's prompts without a browser (MCP 2025-11-25
 * "Server Features → Prompts"). See docs/cli.md.
 */
export async function promptsCommand(argv: string[]): Promise<void> {
  const { own, server } = splitServerCommand(argv);
  const program = headlessProgram("mcpscope prompts", "List or get a server's prompts from a script: JSON on stdout, an exit code per outcome.");

  leafCommand(program, "list", "list the server's prompts (all pages)").action((opts: TargetOptions, cmd: Command) =>
    runHeadless("prompts list", cmd, opts, server, async ({ request }) => {
      const answer = await requestAllPages(request, "prompts/list", "prompts");
      return printAnswer("prompts list", "prompts/list", answer, opts.format, (r) => listText(r.prompts as Array<Record<string, unknown>>, "name"));
    }),
  );

  leafCommand(program, "get", "get a prompt and print its messages")
    .argument("<name>", "the prompt's name")
    .option("--args <json>", "the arguments as a JSON object of strings")
    .option("--arg <key=value>", "one argument (repeatable); prompt arguments are strings", collectList, [])
    .action((name: string, opts: TargetOptions & { args?: string; arg: string[] }, cmd: Command) => {
      let args: Record<string, unknown>;
      try {
        args = { ...parseArgsJson(opts.args), ...parseArgPairs(opts.arg) };
      } catch (err) {
        return cmd.error(`mcpscope prompts get: ${(err as Error).message}`);
      }
      return runHeadless("prompts get", cmd, opts, server, async ({ request }) => {
        const answer = await request("prompts/get", { name, arguments: args });
        return printAnswer("prompts get", "prompts/get", answer, opts.format, promptText);
      });
    });

  await program.parseAsync(own);
}
