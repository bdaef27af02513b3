import { useState } from "react";
import { formatMs } from "../../lib/format";
import { ContentItem } from "./ContentItem";
import type { ToolRun } from "./toolTypes";

/** The outcome of a tool run: content blocks, structured content, tool or protocol errors. */
export function ToolResult({ run }: { run: ToolRun }) {
  const latency = <span className="muted small">Round trip {formatMs(run.elapsedMs)}</span>;
  if ("error" in run.outcome) {
    const { code, message, data } = run.outcome.error;
    return (
      <div className="result protocol-error">
        <div className="result-head">
          <span className="badge badge-protocol-error">Protocol error {code}</span>
          <span className="tool-name">{run.toolName}</span>
          {latency}
        </div>
        <p className="error-message">{message}</p>
        {data !== undefined && <pre className="json">{JSON.stringify(data, null, 2)}</pre>}
      </div>
    );
  }
  const result = run.outcome.result;
  const content = Array.isArray(result.content) ? result.content : [];
  return (
    <div className={`result${result.isError ? " tool-error" : ""}`}>
      <div className="result-head">
        {result.isError ? <span className="badge badge-tool-error">Tool error</span> : <span className="badge badge-ok">Success</span>}
        <span className="tool-name">{run.toolName}</span>
        {latency}
      </div>
      {content.length === 0 && <p className="muted small">No content.</p>}
      <ol className="content-list" aria-label="Content">
        {content.map((item, i) => (
          <li key={i}>
            <ContentItem item={item} />
          </li>
        ))}
      </ol>
      {result.structuredContent !== undefined && (
        <>
          <h3 className="sub-title">Structured content</h3>
          <pre className="json">{JSON.stringify(result.structuredContent, null, 2)}</pre>
        </>
      )}
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
