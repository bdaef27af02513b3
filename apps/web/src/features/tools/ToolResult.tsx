import { useState, type ReactNode } from "react";
import { errorCodeName, type ProtocolEra, resultTypeName } from "@mcpscope/protocol/types";
import { formatMs } from "../../lib/format";
import { TaskHandle } from "../tasks/TaskHandle";
import { ContentItem } from "./ContentItem";
import { StructuredContent } from "./StructuredContent";
import type { ToolRun } from "./toolTypes";
import "./toolResult.css";

interface Props {
  run: ToolRun;
  /** The session the run belongs to: resource links are read through it. */
  sessionId?: string;
  /** The tool's `outputSchema`: structured content is checked against it. */
  outputSchema?: Record<string, unknown>;
  /** The session's era: error codes are named as its revision defines them. */
  era?: ProtocolEra;
  /** Shown under the result's head: the rounds of a multi round-trip call. */
  rounds?: ReactNode;
}

/**
 * The outcome of a tool run, each kind saying what it is: a JSON-RPC error (the request
 * failed: the server did not run the tool, or could not answer), a tool error (the tool ran
 * and reported failure with `isError: true`), or success; then the content blocks and the
 * structured content with its outputSchema verdict (MCP 2025-11-25 "Tools → Error handling").
 */
export function ToolResult({ run, sessionId, outputSchema, era, rounds }: Props) {
  // A task's result has no round trip of its own (NaN).
  const latency = Number.isFinite(run.elapsedMs) ? <span className="muted small">Round trip {formatMs(run.elapsedMs)}</span> : null;
  if ("error" in run.outcome) {
    const { code, message, data } = run.outcome.error;
    const named = errorCodeName(code, era);
    return (
      <div className="result protocol-error">
        <div className="result-head">
          <span className="badge badge-protocol-error" data-status="protocol-error">Protocol error {code}</span>
          <span className="tool-name">{run.toolName}</span>
          {latency}
        </div>
        {rounds}
        <p className="result-kind" role="alert">
          <strong>{named?.name ?? "Protocol error"}</strong>: the request failed at the protocol level (a JSON-RPC error response), so the tool
          returned no result.
          {named?.note && <span className="muted"> ({named.note})</span>}
        </p>
        <p className="error-message">{message}</p>
        {data !== undefined && <pre className="json">{JSON.stringify(data, null, 2)}</pre>}
      </div>
    );
  }
  const result = run.outcome.result;
  if (result.resultType === "task" && typeof result.taskId === "string") {
    return (
      <div className="result">
        <div className="result-head">
          <span className="badge">Task</span>
          <span className="tool-name">{run.toolName}</span>
          {latency}
        </div>
        {rounds}
        <TaskHandle sessionId={sessionId} toolName={run.toolName} result={result} />
        <RawResult result={result} />
      </div>
    );
  }
  const content = Array.isArray(result.content) ? result.content : [];
  const missingStructured = outputSchema !== undefined && result.structuredContent === undefined && !result.isError;
  return (
    <div className={`result${result.isError ? " tool-error" : ""}`}>
      <div className="result-head">
        {result.isError ? <span className="badge badge-tool-error" data-status="tool-error">Tool error</span> : <span className="badge badge-ok" data-status="success">Success</span>}
        <span className="tool-name">{run.toolName}</span>
        {typeof result.resultType === "string" && (
          <span className="muted small" title={resultTypeName(result.resultType)}>
            resultType: {result.resultType}
          </span>
        )}
        {latency}
      </div>
      {rounds}
      {result.isError && (
        <p className="result-kind" role="alert">
          <strong>Tool error</strong> (<code>isError: true</code>): the tool ran and reported a failure; its content below says why.
        </p>
      )}
      {content.length === 0 && <p className="muted small">No content.</p>}
      <ol className="content-list" aria-label="Content">
        {content.map((item, i) => (
          <li key={i}>
            <ContentItem item={item} sessionId={sessionId} />
          </li>
        ))}
      </ol>
      {missingStructured && (
        <p className="verdict verdict-invalid" role="status" data-status="invalid">
          ✗ No structured content: the tool declares an outputSchema, so its result must carry <code>structuredContent</code> that matches it.
        </p>
      )}
      {result.structuredContent !== undefined && <StructuredContent value={result.structuredContent} outputSchema={outputSchema} />}
      <RawResult result={result} />
    </div>
  );
}

/** The result as JSON, rendered only while expanded (so its text does not duplicate the content's). */
function RawResult({ result }: { result: unknown }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="raw-result" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Raw result</summary>
      {open && <pre className="json">{JSON.stringify(result, null, 2)}</pre>}
    </details>
  );
}
