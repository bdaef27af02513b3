import { mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { SessionTarget } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import type { Session } from "../sessions/session.js";
import { SessionManager } from "../sessions/sessionManager.js";
import { writeOut } from "./output.js";

/** A session opened by a headless command, on the same engine as the page's sessions. */
export interface HeadlessSession {
  session: Session;
  /**
   * The server's sampling and elicitation requests that nothing answered (no `autoAnswer`
   * from an option or the config entry): each was refused with a JSON-RPC error, and this
   * says which option would have answered it.
   */
  unanswered: string[];
  /** Closes the session (ends a stdio server) and moves the recording to `--record`'s path. */
  close(): Promise<void>;
}

export interface HeadlessOptions {
  /** Per-request timeout in milliseconds. */
  timeout: number;
  /** Where to keep the recording (`--record`); none: frames stay in memory. */
  record?: string;
  format: "json" | "text";
}

const OPTION_FOR: Record<string, string> = {
  "sampling/createMessage": "--answer-sampling <text> (or mcpscope.autoAnswer.sampling in the --config entry)",
  "elicitation/create": "--answer-elicitation decline|cancel|accept:<json> (or mcpscope.autoAnswer.elicitation in the --config entry)",
};

/** What a target is, in a few words: its command or URL. */
export function describeTarget(target: SessionTarget): string {
  return target.transport === "stdio" ? [target.command, ...target.args].map((a) => (a.includes(" ") ? JSON.stringify(a) : a)).join(" ") : target.url;
}

/**
 * Opens a session without an HTTP server or a browser: a `SessionManager` of its own,
 * recording to `--record`'s file when given (through a temporary directory beside it, so
 * the file appears whole when the command ends). A server request that no canned answer
 * covers is refused at once, with a message naming the option that answers it, rather
 * than waiting for a person who is not there.
 * @returns undefined when the connection failed: the connection doctor's message is then on
 *   stderr (and, with `--format json`, `{ "failure": { code, message, hint } }` on stdout).
 */
export async function openHeadless(name: string, target: SessionTarget, opts: HeadlessOptions): Promise<HeadlessSession | undefined> {
  const recordFile = opts.record ? resolve(opts.record) : undefined;
  let recordingsDir: string | undefined;
  if (recordFile) {
    mkdirSync(dirname(recordFile), { recursive: true });
    recordingsDir = mkdtempSync(join(dirname(recordFile), `.${basename(recordFile)}-`));
  }
  const manager = new SessionManager({ requestTimeoutMs: opts.timeout, ...(recordingsDir ? { recordingsDir } : {}) });
  const unanswered: string[] = [];
  let opened: Session | undefined;
  manager.onCreated((s) => {
    opened = s as Session;
    const refused = new Set<string>();
    opened.inbox.onChange((items) => {
      for (const item of items) {
        if (refused.has(item.id)) continue;
        refused.add(item.id);
        const option = OPTION_FOR[item.method] ?? "an autoAnswer in the --config entry";
        const message = `the server sent ${item.method}, and mcpscope ${name} has no answer for it: pass ${option}.`;
        unanswered.push(message);
        process.stderr.write(`mcpscope ${name}: ${message}\n`);
        // Answered after the inbox has finished telling its listeners.
        queueMicrotask(() => {
          try {
            opened?.answer(item.id, { error: { code: -1, message: `mcpscope ${name} (headless) has no answer for ${item.method}: pass ${option}` } });
          } catch {
            // cancelled by the server meanwhile
          }
        });
      }
    });
  });
  const keepRecording = () => {
    const path = opened?.recordingPath;
    if (recordFile && path) renameSync(path, recordFile);
    if (recordingsDir) rmSync(recordingsDir, { recursive: true, force: true });
  };
  try {
    const session = await manager.open(target);
    return {
      session,
      unanswered,
      close: async () => {
        await session.close();
        keepRecording();
      },
    };
  } catch (err) {
    await opened?.close().catch(() => undefined);
    keepRecording();
    const failure = err instanceof ApiFailure ? err.toBody() : { code: "MCPSCOPE_CONNECT_FAILED", message: (err as Error).message, hint: "" };
    process.stderr.write(`mcpscope ${name}: could not connect to ${describeTarget(target)}: ${failure.message}${failure.hint ? `\n${failure.hint}` : ""}\n`);
    if (opts.format === "json") await writeOut({ failure: { code: failure.code, message: failure.message, hint: failure.hint } }, "json");
    return undefined;
  }
}
