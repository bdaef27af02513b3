import type { Frame } from "@mcpscope/protocol";
import { messageMethod } from "./storedFrame.js";

/** The state a `notifications/progress` frame reports (MCP 2025-11-25 "Utilities → Progress"). */
export interface ProgressState {
  progress: number;
  /** Absent when the total is unknown. */
  total?: number;
  message?: string;
}

/** Reads a progress notification's params; `undefined` when the frame is not one. */
export function readProgress(frame: Frame | undefined): ProgressState | undefined {
  if (!frame || messageMethod(frame) !== "notifications/progress") return undefined;
  const params = frame.msg?.params as { progress?: unknown; total?: unknown; message?: unknown } | undefined;
  if (typeof params?.progress !== "number") return undefined;
  return {
    progress: params.progress,
    ...(typeof params.total === "number" ? { total: params.total } : {}),
    ...(typeof params.message === "string" ? { message: params.message } : {}),
  };
}

// Log levels of `notifications/message`, least to most severe (RFC 5424 §6.2.1).
export { LOG_LEVELS, type LogLevel } from "@mcpscope/protocol/types";

/** One line of the console: a server log message or a stderr line. */
export interface ConsoleEntry {
  seq: number;
  ts: number;
  source: "log" | "stderr";
  /** The log level; `stderr` lines have none. */
  level?: string;
  logger?: string;
  /** The message: text as is, other data as compact JSON. */
  text: string;
}

/** True for frames the console shows: `notifications/message` and stderr lines. */
export function isConsoleFrame(frame: Frame): boolean {
  return frame.kind === "stderr" || (frame.kind === "notification" && messageMethod(frame) === "notifications/message");
}

/** The console line of a frame (see `isConsoleFrame`), or `undefined`. */
export function consoleEntry(frame: Frame): ConsoleEntry | undefined {
  if (frame.kind === "stderr") return { seq: frame.seq, ts: frame.ts, source: "stderr", text: frame.raw };
  if (!isConsoleFrame(frame)) return undefined;
  const params = (frame.msg?.params ?? {}) as { level?: unknown; logger?: unknown; data?: unknown };
  const data = params.data;
  return {
    seq: frame.seq,
    ts: frame.ts,
    source: "log",
    ...(typeof params.level === "string" ? { level: params.level } : {}),
    ...(typeof params.logger === "string" ? { logger: params.logger } : {}),
    text: typeof data === "string" ? data : data === undefined ? "" : JSON.stringify(data),
  };
}
