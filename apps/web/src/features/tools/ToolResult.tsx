import { useState } from "react";
import { formatMs } from "../../lib/format";
import { ContentItem } from "./ContentItem";
import { StructuredContent } from "./StructuredContent";
import type { ToolRun } from "./toolTypes";
import "./toolResult.css";

const JSON_RPC_ERRORS: Record<number, string> = {
  [-32700]: "Parse error",
  [-32600]: "Invalid request",
  [-32601]: "Method not found",
  [-32602]: "Invalid params",
  [-32603]: "Internal error",
  [-32001]: "Request timed out",
  [-32002]: "Resource not found",
  [-32800]: "Request cancelled",
};

interface Props {
  run: ToolRun;
  /** The session the run belongs to: resource links are read through it. */
  sessionId?: string;
  /** The tool's `outputSchema`: structured content is checked against it. */
  outputSchema?: Record<string, unknown>;
}

/**
 * The outcome of a tool run, each kind saying what it is: a JSON-RPC error (the request
 * failed: the server did not run the tool, or could not answer), a tool error (the tool ran
 * and reported failure with `isError: true`), or success; then the content blocks and the
 * structured content with its outputSchema verdict (MCP 2025-11-25 "Tools → Error handling").
 */
export function ToolResult({ run, sessionId, outputSchema }: Props) {
  const latency = <span className="muted small">Round trip {formatMs(run.elapsedMs)}</span>;
  if ("error" in run.outcome) {
    const { code, message, data } = run.outcome.error;
    return (
      <div className="result protocol-error">
        <div className="result-head">
          <span className="badge badge-protocol-error" data-status="protocol-error">Protocol error {code}</span>
          <span className="tool-name">{run.toolName}</span>
          {latency}
        </div>
        <p className="result-kind" role="alert">
          <strong>{JSON_RPC_ERRORS[code] ?? "Protocol error"}</strong>: the request failed at the protocol level (a JSON-RPC error response), so the tool
          returned no result.
        </p>
        <p className="error-message">{message}</p>
        {data !== undefined && <pre className="json">{JSON.stringify(data, null, 2)}</pre>}
      </div>
    );
  }
  const result = run.outcome.result;
  const content = Array.isArray(result.content) ? result.content : [];
  const missingStructured = outputSchema !== undefined && result.structuredContent === undefined && !result.isError;
  return (
    <div className={`result${result.isError ? " tool-error" : ""}`}>
      <div className="result-head">
        {result.isError ? <span className="badge badge-tool-error" data-status="tool-error">Tool error</span> : <span className="badge badge-ok" data-status="success">Success</span>}
        <span className="tool-name">{run.toolName}</span>
        {latency}
      </div>
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
