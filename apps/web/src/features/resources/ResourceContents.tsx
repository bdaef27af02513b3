import type { ResourceContent } from "./resourceTypes";

const MIME = /^[\w.+-]+\/[\w.+-]+$/;

/** Bytes encoded by a base64 string. */
export function base64Size(b64: string): number {
  const clean = b64.replace(/\s/g, "");
  return Math.floor((clean.length * 3) / 4) - (clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0);
}

function fileName(uri: string): string {
  const last = uri.split(/[/?#]/).filter(Boolean).pop() ?? "resource";
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * The `contents` of a `resources/read` result (MCP 2025-11-25 "Resources → Reading
 * Resources"): text in monospace; a blob as its size and MIME type with a download link,
 * images shown. Server data is never rendered as HTML.
 */
export function ResourceContents({ contents }: { contents: ResourceContent[] }) {
  if (contents.length === 0) return <p className="muted small pad">The server returned no contents.</p>;
  return (
    <ul className="content-list resource-contents">
      {contents.map((c, i) => {
        const mime = typeof c.mimeType === "string" && MIME.test(c.mimeType) ? c.mimeType : undefined;
        return (
          <li key={i} className="resource-content">
            <div className="resource-content-head">
              <code className="uri">{c.uri}</code>
              {c.mimeType && <span className="muted small">{c.mimeType}</span>}
            </div>
            {typeof c.text === "string" ? (
              <pre className="content-text">{c.text}</pre>
            ) : typeof c.blob === "string" ? (
              <Blob blob={c.blob} mime={mime} uri={c.uri} />
            ) : (
              <pre className="json">{JSON.stringify(c, null, 2)}</pre>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Blob({ blob, mime, uri }: { blob: string; mime?: string; uri: string }) {
  const href = `data:${mime ?? "application/octet-stream"};base64,${blob.replace(/\s/g, "")}`;
  const size = base64Size(blob);
  return (
    <div className="resource-blob">
      {mime?.startsWith("image/") && <img src={href} alt={`Resource ${uri} (${mime})`} />}
      <span className="small">
        Binary, {size.toLocaleString("en")} bytes, {mime ?? "unknown MIME type"}
      </span>
      <a href={href} download={fileName(uri)} className="small">
        Download {fileName(uri)}
      </a>
    </div>
  );
}
