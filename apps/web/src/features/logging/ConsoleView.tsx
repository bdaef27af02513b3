import { useId, useRef, useState } from "react";
import type { SessionInfo } from "@mcpscope/protocol";
import { consoleEntry, LOG_LEVELS, type TimelineIndex } from "@mcpscope/timeline";
import { describeError } from "../../api/apiRequestError";
import { removedBecause } from "../../lib/eraFeatures";
import { requestControl } from "../../api/requestControl";
import { useReadOnly } from "../sharing/useReadOnly";
import { useTimelineStore } from "../../stores/timelineStore";
import { consoleViewOf } from "../timeline/derived";
import { useAdvancingView } from "../timeline/useAdvancingView";
import { useFixedRows } from "../timeline/useFixedRows";

const ROW_HEIGHT = 22;

interface Props {
  session: SessionInfo;
  index: TimelineIndex;
  version: number;
  startTs: number;
}

/**
 * Tab "Console": the "Log level" select (sends `logging/setLevel`; on a 2026-07-28 session,
 * which removed it, sets the level every request carries in its `_meta`) and the list
 * "Console messages" of `notifications/message` frames and stderr lines, newest last, virtualized.
 */
export function ConsoleView({ session, index, version, startTs }: Props) {
  const view = consoleViewOf(index);
  useAdvancingView(view, version);
  const count = view.count;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [stick, setStick] = useState(true);
  const [level, setLevel] = useState("");
  const readOnly = useReadOnly(session.id);
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const select = useTimelineStore((s) => s.select);
  const selected = useTimelineStore((s) => s.selected[session.id]);
  const canLog = session.capabilities === undefined || "logging" in (session.capabilities ?? {});

  const virtualizer = useFixedRows(scrollRef, count, ROW_HEIGHT, 10, stick);

  const perRequest = removedBecause(session, "logging/setLevel");
  const perRequestId = useId();

  const onLevel = (value: string) => {
    setLevel(value);
    if (perRequest) {
      setStatus({ text: value ? `Setting level ${value} for every request…` : "Clearing the level…" });
      requestControl.updateSettings(session.id, { logLevel: value ? (value as (typeof LOG_LEVELS)[number]) : null }).then(
        () => setStatus({ text: value ? `Every request now asks for log messages at ${value} and above.` : "Requests ask for no log messages." }),
        (err: unknown) => setStatus({ text: describeError(err).message, error: true }),
      );
      return;
    }
    if (!value) return;
    setStatus({ text: `Setting level ${value}…` });
    requestControl.setLogLevel(session.id, value).then(
      (answer) =>
        setStatus(
          "error" in answer
            ? { text: `The server refused: ${answer.error.message} (${answer.error.code})`, error: true }
            : { text: `Log level set to ${value}.` },
        ),
      (err: unknown) => setStatus({ text: describeError(err).message, error: true }),
    );
  };

  return (
    <div className="console-view">
      <div className="console-toolbar">
        <label className="inline-field" title={perRequest}>
          <span>{perRequest ? "Log level (per request)" : "Log level"}</span>
          <select
            value={perRequest ? (session.settings.logLevel ?? "") : level}
            onChange={(e) => onLevel(e.target.value)}
            disabled={readOnly !== undefined || session.status !== "ready"}
            aria-describedby={perRequest ? perRequestId : undefined}
          >
            <option value="">{perRequest ? "(none: no log messages)" : "(server default)"}</option>
            {LOG_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        {perRequest && (
          <span id={perRequestId} className="sr-only">
            {perRequest}
          </span>
        )}
        {!canLog && <span className="muted small">The server did not declare the logging capability.</span>}
        {status && (
          <span role="status" className={`small ${status.error ? "invalid-reason" : "muted"}`}>
            {status.text}
          </span>
        )}
        <span className="spacer" />
        <span className="muted small">
          {count.toLocaleString()} line{count === 1 ? "" : "s"}
        </span>
      </div>
      <div
        ref={scrollRef}
        className="console-scroll"
        onScroll={(e) => {
          const el = e.currentTarget;
          setStick(el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT / 2);
        }}
      >
        <ol role="list" aria-label="Console messages" className="console-list" style={{ height: virtualizer.totalSize }}>
          {virtualizer.items.map((item) => {
            const frame = index.get(view.seqAt(item.index))!;
            const entry = consoleEntry(frame)!;
            return (
              <li
                key={item.key}
                className={`console-line source-${entry.source}${entry.seq === selected ? " selected" : ""}`}
                style={{ transform: `translateY(${item.top}px)` }}
                onClick={() => select(session.id, entry.seq)}
              >
                <span className="cl-time">{(entry.ts - startTs).toFixed(1)}</span>
                <span className={`log-level level-${entry.level ?? "stderr"}`}>{entry.level ?? "stderr"}</span>
                {entry.logger && <span className="cl-logger">[{entry.logger}]</span>}
                <span className="cl-text" title={entry.text}>
                  {entry.text}
                </span>
              </li>
            );
          })}
        </ol>
        {count === 0 && (
          <p className="muted small pad">
            No log messages or stderr lines yet. Set a log level; servers send <code>notifications/message</code> at or above it.
          </p>
        )}
      </div>
    </div>
  );
}
