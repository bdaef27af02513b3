import type { ContentBlock } from "./toolTypes";

const MIME = /^[\w.+-]+\/[\w.+-]+$/;

function dataUrl(mimeType: unknown, data: unknown): string | undefined {
  if (typeof mimeType !== "string" || !MIME.test(mimeType) || typeof data !== "string") return undefined;
  return `data:${mimeType};base64,${data.replace(/\s/g, "")}`;
}

function base64Bytes(b64: string): number {
  const clean = b64.replace(/\s/g, "");
  return Math.floor((clean.length * 3) / 4) - (clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0);
}

/** One content block of a tool result, rendered as what it is. Server data is never HTML. */
export function ContentItem({ item }: { item: ContentBlock }) {
  const c = item as Record<string, unknown>;
  switch (item.type) {
    case "text":
      return <pre className="content-text">{String(c.text ?? "")}</pre>;
    case "image": {
      const src = dataUrl(c.mimeType, c.data);
      return src ? (
        <figure className="content-media">
          <img src={src} alt={`Image returned by the tool (${String(c.mimeType)})`} />
          <figcaption className="muted small">{String(c.mimeType)}</figcaption>
        </figure>
      ) : (
        <p className="muted">Image with an unusable MIME type or data.</p>
      );
    }
    case "audio": {
      const src = dataUrl(c.mimeType, c.data);
      return src ? (
        <figure className="content-media">
          <audio controls src={src} aria-label={`Audio returned by the tool (${String(c.mimeType)})`} />
          <figcaption className="muted small">{String(c.mimeType)}</figcaption>
        </figure>
      ) : (
        <p className="muted">Audio with an unusable MIME type or data.</p>
      );
    }
    case "resource_link":
      return (
        <div className="content-resource">
          <span className="badge">resource link</span> <strong>{String(c.title ?? c.name ?? "")}</strong>
          <code className="uri">{String(c.uri ?? "")}</code>
          {typeof c.mimeType === "string" && <span className="muted small">{c.mimeType}</span>}
          {typeof c.description === "string" && <p className="small">{c.description}</p>}
        </div>
      );
    case "resource": {
      const r = (c.resource ?? {}) as Record<string, unknown>;
      return (
        <div className="content-resource">
          <span className="badge">embedded resource</span> <code className="uri">{String(r.uri ?? "")}</code>
          {typeof r.mimeType === "string" && <span className="muted small"> {r.mimeType}</span>}
          {typeof r.text === "string" ? (
            <pre className="content-text">{r.text}</pre>
          ) : (
            <p className="muted small">binary ({typeof r.blob === "string" ? base64Bytes(r.blob) : 0} bytes)</p>
          )}
        </div>
      );
    }
    default:
      return (
        <div className="content-resource">
          <span className="badge">{String(item.type)}</span>
          <pre className="content-text">{JSON.stringify(item, null, 2)}</pre>
        </div>
      );
  }
}
