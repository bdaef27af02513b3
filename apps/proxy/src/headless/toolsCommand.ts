import type { Command } from "commander";
import { collectList } from "../commands/optionParsers.js";
import { EXIT } from "./exitCodes.js";
import { headlessProgram, leafCommand, printAnswer, requestAllPages, runHeadless, splitServerCommand } from "./headlessProgram.js";
import { listText, toolResultText } from "./output.js";
import type { TargetOptions } from "./targetOptions.js";
import { ArgumentsError, parseArgPairs, parseArgsJson } from "./toolArgs.js";

type CallOptions = TargetOptions & { args?: string; arg: string[] };

/**
 * `mcpscope tools list|call`: the server's tools without a browser, on the same session
 * engine as the page (MCP 2025-11-25 "Server Features → Tools"). See docs/cli.md.
 */
export async function toolsCommand(argv: string[]): Promise<void> {
  const { own, server } = splitServerCommand(argv);
  const program = headlessProgram("mcpscope tools", "List or call a server's tools from a script: JSON on stdout, an exit code per outcome.");

  leafCommand(program, "list", "list the server's tools (all pages)").action((opts: TargetOptions, cmd: Command) =>
    runHeadless("tools list", cmd, opts, server, async ({ request }) => {
      const answer = await requestAllPages(request, "tools/list", "tools");
      return printAnswer("tools list", "tools/list", answer, opts.format, (r) => listText(r.tools as Array<Record<string, unknown>>, "name"));
    }),
  );

  leafCommand(program, "call", "call a tool and print its result")
    .argument("<name>", "the tool's name")
    .option("--args <json>", "the arguments as a JSON object")
    .option("--arg <key=value>", "one argument, typed by the tool's inputSchema (repeatable; key:=<json> for JSON)", collectList, [])
    .action((name: string, opts: CallOptions, cmd: Command) => {
      let args: Record<string, unknown>;
      try {
        args = parseArgsJson(opts.args);
        // Checked before anything starts; typed once the schema is known.
        parseArgPairs(opts.arg);
      } catch (err) {
        return cmd.error(`mcpscope tools call: ${(err as Error).message}`);
      }
      return runHeadless("tools call", cmd, opts, server, async ({ request }) => {
        if (opts.arg.length) {
          const listed = await requestAllPages(request, "tools/list", "tools");
          const tools = "result" in listed ? (listed.result.tools as Array<{ name: string; inputSchema?: Record<string, unknown> }>) : [];
          try {
            args = { ...args, ...parseArgPairs(opts.arg, tools.find((t) => t.name === name)?.inputSchema ?? {}) };
          } catch (err) {
            if (!(err instanceof ArgumentsError)) throw err;
            process.stderr.write(`mcpscope tools call: ${err.message}\n`);
            return EXIT.USAGE;
          }
        }
        const answer = await request("tools/call", { name, arguments: args });
        const code = await printAnswer("tools call", "tools/call", answer, opts.format, toolResultText);
        if ("result" in answer && answer.result.isError === true) {
          process.stderr.write(`mcpscope tools call: the tool ${name} reported an error (isError: true).\n`);
          return EXIT.TOOL_ERROR;
        }
        return code;
      });
    });

  await program.parseAsync(own);
}
