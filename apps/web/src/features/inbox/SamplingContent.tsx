import { asText } from "../../lib/format";

const MIME = /^[\w.+-]+\/[\w.+-]+$/;

function dataUrl(mimeType: unknown, data: unknown): string | undefined {
  if (typeof mimeType !== "string" || !MIME.test(mimeType) || typeof data !== "string") return undefined;
  return `data:${mimeType};base64,${data.replace(/\s/g, "")}`;
}

/** One block of a sampling message's content (MCP 2025-11-25 `SamplingMessage`). */
function Block({ block }: { block: unknown }) {
  const c = (block ?? {}) as Record<string, unknown>;
  if (c.type === "text") return <pre className="inbox-text">{asText(c.text ?? "")}</pre>;
  if (c.type === "image" || c.type === "audio") {
    const src = dataUrl(c.mimeType, c.data);
    if (!src) return <p className="muted small">{String(c.type)} with an unusable MIME type or data.</p>;
    return (
      <figure className="inbox-media">
        {c.type === "image" ? (
          <img src={src} alt={`Image in the sampling request (${String(c.mimeType)})`} />
        ) : (
          <audio controls src={src} aria-label={`Audio in the sampling request (${String(c.mimeType)})`} />
        )}
        <figcaption className="muted small">{String(c.mimeType)}</figcaption>
      </figure>
    );
  }
  // tool_use, tool_result and anything newer: shown as the JSON it is.
  return (
    <div>
      <span className="badge">{asText(c.type ?? "content")}</span>
      <pre className="json">{JSON.stringify(block, null, 2)}</pre>
    </div>
  );
}

/**
 * A sampling message's content: one block or an array of them (text, image, audio,
 * tool_use, tool_result). Server data is rendered as text or media, never as HTML.
 */
export function SamplingContent({ content }: { content: unknown }) {
  const blocks: unknown[] = Array.isArray(content) ? content : [content];
  return (
    <>
      {blocks.map((block, i) => (
        <Block key={i} block={block} />
      ))}
    </>
  );
}
