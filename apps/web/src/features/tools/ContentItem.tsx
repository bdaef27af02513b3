import { asText } from "../../lib/format";
import { ResourceContents, type ResourceContent } from "./ResourceContents";
import { ResourceLink } from "./ResourceLink";
import { TextContent } from "./TextContent";
import type { ContentBlock } from "./toolTypes";

const MIME = /^[\w.+-]+\/[\w.+-]+$/;

function dataUrl(mimeType: unknown, data: unknown): string | undefined {
  if (typeof mimeType !== "string" || !MIME.test(mimeType) || typeof data !== "string") return undefined;
  return `data:${mimeType};base64,${data.replace(/\s/g, "")}`;
}

/**
 * One content block of a tool result, rendered as what it is: text (monospace, or Markdown
 * on request), image, playable audio, a resource link that reads the resource through
 * `sessionId`, an embedded resource. Server data is never HTML.
 */
export function ContentItem({ item, sessionId }: { item: ContentBlock; sessionId?: string }) {
  const c = item as Record<string, unknown>;
  switch (item.type) {
    case "text":
      return <TextContent text={asText(c.text ?? "")} />;
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
        <ResourceLink
          sessionId={sessionId}
          link={{
            uri: asText(c.uri ?? ""),
            name: typeof c.name === "string" ? c.name : undefined,
            title: typeof c.title === "string" ? c.title : undefined,
            description: typeof c.description === "string" ? c.description : undefined,
            mimeType: typeof c.mimeType === "string" ? c.mimeType : undefined,
          }}
        />
      );
    case "resource": {
      const r = (c.resource ?? {}) as ResourceContent;
      return (
        <div className="content-resource">
          <span className="badge">embedded resource</span> <code className="uri">{String(r.uri ?? "")}</code>
          {typeof r.mimeType === "string" && <span className="muted small"> {r.mimeType}</span>}
          <ResourceContents content={r} />
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
