import type { Frame, SendRequestResult, SessionInfo, SessionSettings, SessionTarget, TransportKind } from "@mcpscope/protocol";
import { ApiFailure } from "../errors.js";
import { FrameFile } from "../recording/frameFile.js";
import { FrameLog } from "./frameLog.js";
import { recordedHandshake } from "./recordedHandshake.js";

/** Frames scanned from the start of a recording to find the handshake (or server/discover). */
const HANDSHAKE_SCAN_FRAMES = 500;

/**
 * A session of an earlier mcpscope run, opened from its recording: listed, closed and
 * read-only. Its frames are read from the file on demand.
 */
export class RecordedSession {
  readonly log: FrameLog;
  readonly id: string;
  readonly target: SessionTarget;
  private readonly summary: Omit<SessionInfo, "lastSeq">;

  private constructor(
    readonly file: FrameFile,
    header: { session: Record<string, unknown> },
  ) {
    const session = header.session as Partial<SessionInfo>;
    this.id = String(session.id);
    this.target = session.target as SessionTarget;
    this.log = new FrameLog(this.id, { file });
    this.summary = summarize(session, this.log.since(0, HANDSHAKE_SCAN_FRAMES), this.log.get(this.log.lastSeq));
  }

  /**
   * Opens a recording file.
   * @throws Error when the file is not an mcpscope recording.
   */
  static open(path: string): RecordedSession {
    const { file, header } = FrameFile.open(path);
    return new RecordedSession(file, header);
  }

  info(): SessionInfo {
    return { ...this.summary, lastSeq: this.log.lastSeq };
  }

  request(): Promise<SendRequestResult> {
    throw readOnly();
  }
  cancel(): void {
    throw readOnly();
  }
  updateSettings(): SessionSettings {
    throw readOnly();
  }
  sendRaw(): Promise<void> {
    throw readOnly();
  }
  answer(): void {
    throw readOnly();
  }
  pending(): [] {
    return [];
  }
  setRoots(): Promise<void> {
    throw readOnly();
  }
  readonly inbox = { onChange: () => () => undefined };
  async close(): Promise<void> {
    // Already closed.
  }
  killNow(): void {
    // Nothing runs.
  }
  onChange(): () => void {
    return () => undefined;
  }
}

function readOnly(): ApiFailure {
  return new ApiFailure("SESSION_NOT_READY", "This session is a recording of an earlier run: it is read-only.", "Reconnect to open a live session with the same settings.");
}

/** Derives a recorded session's info from its header and frames (nothing is stored twice). */
function summarize(session: Partial<SessionInfo>, first: Frame[], last: Frame | undefined): Omit<SessionInfo, "lastSeq"> {
  const handshake = recordedHandshake(first);
  const result = handshake.result as { protocolVersion?: string; serverInfo?: SessionInfo["serverInfo"]; capabilities?: Record<string, unknown>; instructions?: string };
  const initialized = first.find((f) => f.meta?.event === "initialized");
  const transport = (initialized?.meta?.transport as TransportKind | undefined) ?? session.transport ?? "stdio";
  const exit = last?.meta?.event === "exited" ? last.meta : undefined;
  const crashed = exit && (exit.code !== 0 || exit.signal);
  return {
    id: String(session.id),
    status: handshake.connected ? (crashed ? "failed" : "closed") : "failed",
    transport,
    target: session.target as SessionTarget,
    createdAt: Number(session.createdAt ?? 0),
    settings: { requestTimeoutMs: 60_000, resetTimeoutOnProgress: true },
    recorded: true,
    ...(result.serverInfo ? { serverInfo: result.serverInfo } : {}),
    ...(result.capabilities ? { capabilities: result.capabilities } : {}),
    ...(result.protocolVersion ? { protocolVersion: result.protocolVersion } : {}),
    ...(handshake.era ? { era: handshake.era } : {}),
    ...(handshake.negotiation ? { negotiation: handshake.negotiation } : {}),
    ...(handshake.discover ? { discover: handshake.discover } : {}),
    ...(result.instructions ? { instructions: result.instructions } : {}),
    ...(crashed ? { error: `The server process ${exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`}.` } : {}),
  };
}
