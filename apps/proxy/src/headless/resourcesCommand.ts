import type { Command } from "commander";
import { headlessProgram, leafCommand, printAnswer, requestAllPages, runHeadless, splitServerCommand } from "./headlessProgram.js";
import { listText, resourceText } from "./output.js";
import type { TargetOptions } from "./targetOptions.js";

/**
 * `mcpscope resources list|templates|read`: the server's resources without a browser (MCP
 * 2025-11-25 "Server Features → Resources"). See docs/cli.md.
 */
export async function resourcesCommand(argv: string[]): Promise<void> {
  const { own, server } = splitServerCommand(argv);
  const program = headlessProgram("mcpscope resources", "List or read a server's resources from a script: JSON on stdout, an exit code per outcome.");

  leafCommand(program, "list", "list the server's resources (all pages)").action((opts: TargetOptions, cmd: Command) =>
    runHeadless("resources list", cmd, opts, server, async ({ request }) => {
      const answer = await requestAllPages(request, "resources/list", "resources");
      return printAnswer("resources list", "resources/list", answer, opts.format, (r) => listText(r.resources as Array<Record<string, unknown>>, "uri"));
    }),
  );

  leafCommand(program, "templates", "list the server's resource templates (all pages)").action((opts: TargetOptions, cmd: Command) =>
    runHeadless("resources templates", cmd, opts, server, async ({ request }) => {
      const answer = await requestAllPages(request, "resources/templates/list", "resourceTemplates");
      const text = (r: Record<string, unknown>) => listText((r.resourceTemplates as Array<Record<string, unknown>>).map((t) => ({ ...t, uri: t.uriTemplate })), "uri");
      return printAnswer("resources templates", "resources/templates/list", answer, opts.format, text);
    }),
  );

  leafCommand(program, "read", "read one resource and print its contents")
    .argument("<uri>", "the resource's URI")
    .action((uri: string, opts: TargetOptions, cmd: Command) =>
      runHeadless("resources read", cmd, opts, server, async ({ request }) => {
        const answer = await request("resources/read", { uri });
        const text = (r: Record<string, unknown>) => ((r.contents as Array<Record<string, unknown>> | undefined) ?? []).map((c) => `${resourceText(c)}\n`).join("");
        return printAnswer("resources read", "resources/read", answer, opts.format, text);
      }),
    );

  await program.parseAsync(own);
}
