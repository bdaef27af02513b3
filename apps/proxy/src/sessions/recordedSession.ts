import { type Frame, ImplementationSchema, NegotiationSchema, ProtocolEraSchema, type RecordingHeader, type SessionInfo, TapInfoSchema, TransportKindSchema } from "@mcpscope/protocol";
import { basename } from "node:path";
import { z } from "zod";
import { ApiFailure } from "../errors.js";
import { ReadOnlySession } from "./readOnlySession.js";
import { FrameFile, type OpenOptions } from "../recording/frameFile.js";
import { FrameLog } from "./frameLog.js";
import { recordedHandshake } from "./recordedHandshake.js";

/** Frames scanned from the start of a recording to find the handshake (or server/discover). */
const HANDSHAKE_SCAN_FRAMES = 500;

/**
 * A session of an earlier mcpscope run, or an imported one, opened from its recording:
 * listed, closed and read-only. Its frames are read (and validated) from the file on demand.
 *
 * A recording is data, never a command: its header's target is shown, but nothing here or
 * in `SessionManager` starts a process or opens a connection from it (`reconnect` refuses
 * with MCPSCOPE_RECORDING_NOT_STARTABLE). The target of a file may say anything.
 */
export class RecordedSession extends ReadOnlySession {
  readonly log: FrameLog;
  readonly id: string;
  private readonly summary: Omit<SessionInfo, "lastSeq">;

  private constructor(
    readonly file: FrameFile,
    header: RecordingHeader,
  ) {
    super();
    this.id = header.session.id;
    this.log = new FrameLog(this.id, { file });
    this.summary = summarize(header.session, this.log.since(0, HANDSHAKE_SCAN_FRAMES), this.log.get(this.log.lastSeq));
  }

  /**
   * Opens a recording file (see `FrameFile.open` for `checkAll`).
   * @throws InvalidRecordingError naming the first bad line it read.
   */
  static open(path: string, options: OpenOptions = {}): RecordedSession {
    const { file, header } = FrameFile.open(path, options);
    try {
      return new RecordedSession(file, header);
    } catch (err) {
      file.close();
      throw err;
    }
  }

  info(): SessionInfo {
    const imported = basename(this.file.path).startsWith("imported-");
    return { ...this.summary, ...(imported ? { imported } : {}), lastSeq: this.log.lastSeq };
  }

  protected refusal(): ApiFailure {
    return readOnly();
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
  return new ApiFailure("SESSION_NOT_READY", "This session is a recording (of an earlier run, or imported): it is read-only.", "To send requests, start a new session from the Connect form (or POST /api/sessions).");
}

const CapabilitiesSchema = z.record(z.string(), z.unknown());
const TextSchema = z.string().max(100_000);

/** `value` when it matches `schema`, else undefined: what a file says is checked before it is shown. */
function valid<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Derives a recorded session's info from its header and frames (nothing is stored twice).
 * The server's answer (initialize, or server/discover on 2026-07-28) is whatever the server
 * sent (or the file says): fields of the wrong shape are left out rather than shown.
 */
function summarize(session: RecordingHeader["session"], first: Frame[], last: Frame | undefined): Omit<SessionInfo, "lastSeq"> {
  const handshake = recordedHandshake(first);
  const result = handshake.result;
  const initialized = first.find((f) => f.meta?.event === "initialized");
  const transport = valid(TransportKindSchema, initialized?.meta?.transport) ?? session.transport ?? "stdio";
  const exit = last?.meta?.event === "exited" ? last.meta : undefined;
  const crashed = exit && (exit.code !== 0 || exit.signal);
  const serverInfo = valid(ImplementationSchema, result.serverInfo);
  const capabilities = valid(CapabilitiesSchema, result.capabilities);
  const protocolVersion = valid(TextSchema, result.protocolVersion);
  const instructions = valid(TextSchema, result.instructions);
  const era = valid(ProtocolEraSchema, handshake.era);
  const negotiation = valid(NegotiationSchema, handshake.negotiation);
  const discover = valid(CapabilitiesSchema, handshake.discover);
  const tap = valid(TapInfoSchema, session.tap);
  return {
    id: session.id,
    status: handshake.connected ? (crashed ? "failed" : "closed") : "failed",
    transport,
    target: session.target,
    createdAt: session.createdAt,
    settings: { requestTimeoutMs: 60_000, resetTimeoutOnProgress: true },
    recorded: true,
    ...(serverInfo ? { serverInfo } : {}),
    ...(capabilities ? { capabilities } : {}),
    ...(protocolVersion ? { protocolVersion } : {}),
    ...(era ? { era } : {}),
    ...(negotiation ? { negotiation } : {}),
    ...(discover ? { discover } : {}),
    ...(instructions ? { instructions } : {}),
    ...(tap ? { tap } : {}),
    ...(crashed ? { error: `The server process ${exit.signal ? `was killed by ${exit.signal as string}` : `exited with code ${exit.code as number | null}`}.` } : {}),
  };
}
