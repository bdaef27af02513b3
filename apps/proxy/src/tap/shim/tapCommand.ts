import { randomUUID } from "node:crypto";
import { constants } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { StdioTarget, TapInfo } from "@mcpscope/protocol/types";
import { defaultDataDir } from "../../dataDir.js";
import { PACKAGE_DIR } from "../../packageDir.js";
import { VERSION } from "../../version.js";
import { nowMs } from "../../sessions/frameLog.js";
import { ChunkQueue } from "./chunkQueue.js";
import { ChunkUploader } from "./chunkUploader.js";
import { clientForUrl, findScope } from "./findScope.js";
import { LocalRecording } from "./localRecording.js";
import { printConfigText, relativePaths, tapConfigEntry } from "./printConfig.js";
import { runRelay, SpawnFailure, type RelayExit } from "./stdioRelay.js";
import { defaultTapName, parseTapArgs, TAP_USAGE } from "./tapArgs.js";

/** Longest the shim waits, once the server exited, for mcpscope to take the last frames. */
export const FINISH_DEADLINE_MS = 3000;
/** How long opening the session may take (finding or starting mcpscope included). */
const OPEN_TIMEOUT_MS = 10_000;

function note(message: string): void {
  process.stderr.write(`mcpscope tap: ${message}\n`);
}

function usageError(message: string): never {
  process.stderr.write(`mcpscope tap: ${message}\n\n${TAP_USAGE}\n`);
  process.exit(2);
}

/** Ends this process as the server ended: the same exit code, or the same signal. */
function exitLike(exit: RelayExit): void {
  const done = () => {
    if (exit.signal) {
      // The shim's own handlers are gone (runRelay removed them): the default action applies.
      process.kill(process.pid, exit.signal);
      setTimeout(() => process.exit(128 + (constants.signals[exit.signal!] ?? 0)), 1000).unref();
      return;
    }
    process.exit(exit.code ?? 1);
  };
  // Whatever is still queued for the client goes first.
  process.stdout.write("", () => process.stderr.write("", done));
}

/**
 * `mcpscope tap [options] -- <command> [args…]`: the stdio shim a client runs in place of its
 * server command. Starts the server at once and relays its stdio byte for byte
 * (`runRelay`); every chunk is also uploaded to mcpscope in the background
 * (`ChunkUploader`), which cuts it into frames, or recorded locally when there is none.
 * Loads no Fastify, SDK or zod: it sits in front of every server start.
 */
export async function tapCommand(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseTapArgs(argv);
  } catch (err) {
    usageError((err as Error).message);
  }
  if (parsed.help) {
    process.stdout.write(`${TAP_USAGE}\n`);
    return;
  }
  const { command, args } = parsed;
  if (!command) usageError("give the server command after --, e.g. mcpscope tap -- node server.js");
  const name = (parsed.name ?? defaultTapName(command, args)).slice(0, 200);

  if (parsed.printConfig !== undefined) {
    const extra = [...(parsed.dataDir ? ["--data-dir", resolve(parsed.dataDir)] : []), ...(parsed.scopeUrl ? ["--scope-url", parsed.scopeUrl] : [])];
    const entry = tapConfigEntry(parsed.name ?? parsed.printConfig, command, args, { packageDir: fileURLToPath(PACKAGE_DIR), version: VERSION, node: process.execPath }, extra);
    process.stdout.write(`${printConfigText(parsed.printConfig, entry)}\n`);
    const relative = relativePaths(command, args);
    if (relative.length) note(`${relative.join(", ")} ${relative.length === 1 ? "is a path" : "are paths"} relative to this directory; a client runs its servers elsewhere: use absolute paths.`);
    return;
  }

  const dataDir = parsed.dataDir ? resolve(parsed.dataDir) : defaultDataDir();
  const target: StdioTarget = { transport: "stdio", command, args, env: {}, cwd: process.cwd(), name };
  const tap: TapInfo = { name, kind: "stdio", ...(process.ppid > 1 ? { clientPid: process.ppid } : {}) };
  let serverPid: number | undefined;
  let spawned!: () => void;
  const started = new Promise<void>((resolve) => (spawned = resolve));

  const uploader = new ChunkUploader({
    queue: new ChunkQueue(join(dataDir, "tap-spool", `${process.pid}-${randomUUID()}.jsonl`)),
    note,
    createLocal: (previousId) => new LocalRecording(dataDir, target, tap, previousId),
    open: async () => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no mcpscope answered within ${OPEN_TIMEOUT_MS / 1000} s`)), OPEN_TIMEOUT_MS)));
      try {
        const found = await Promise.race([parsed.scopeUrl ? clientForUrl(parsed.scopeUrl) : findScope(dataDir), late]);
        if (found.started) note(`started mcpscope in the background; watch this session at ${found.url}`);
        await started;
        const body = JSON.stringify({ name, target, shimPid: process.pid, ...(tap.clientPid ? { clientPid: tap.clientPid } : {}), ...(serverPid ? { serverPid } : {}) });
        const answer = await Promise.race([found.client.send("POST", "/api/taps/sessions", body, OPEN_TIMEOUT_MS), late]);
        if (answer.status !== 201) {
          found.client.close();
          throw new Error(`mcpscope at ${found.url.split("?")[0]} refused the session (HTTP ${answer.status}: ${answer.text.slice(0, 300)})`);
        }
        return { client: found.client, sessionId: (JSON.parse(answer.text) as { id: string }).id, url: found.url };
      } finally {
        clearTimeout(timer);
      }
    },
  });

  // Each chunk as read (no copy: nothing writes to a buffer once read), after the relay wrote it on.
  let recording = true;
  const copy = (stream: "stdin" | "stdout" | "stderr", chunk: Buffer) => uploader.push({ ts: nowMs(), stream, data: chunk });
  const observer = {
    fromClient: (c: Buffer) => recording && copy("stdin", c),
    fromServer: (c: Buffer) => recording && copy("stdout", c),
    fromServerStderr: (c: Buffer) => recording && copy("stderr", c),
    lifecycle: (meta: Record<string, unknown> & { event: string }) => {
      if (meta.event === "spawned") {
        serverPid = meta.pid as number;
        spawned();
      }
      if (recording) uploader.push({ ts: nowMs(), event: meta });
    },
  };
  const onRecorderError = (err: unknown) => {
    if (!recording) return;
    recording = false;
    note(`recording stopped after an internal error (the relay goes on): ${(err as Error)?.stack ?? String(err)}`);
  };

  let exit: RelayExit;
  try {
    exit = await runRelay(command, args, observer, onRecorderError);
  } catch (err) {
    if (!(err instanceof SpawnFailure)) throw err;
    note(err.message);
    uploader.push({ ts: nowMs(), event: { event: "error", message: err.message, ...(err.code ? { code: err.code } : {}) } });
    spawned();
    await uploader.finish(FINISH_DEADLINE_MS);
    process.exit(err.code === "ENOENT" ? 127 : 126);
  }
  await uploader.finish(FINISH_DEADLINE_MS);
  exitLike(exit);
}
