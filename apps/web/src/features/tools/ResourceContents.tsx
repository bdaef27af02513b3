import { TextContent } from "./TextContent";

/** One item of `resources/read`'s `contents` or an embedded resource (MCP 2025-11-25 "Resources"). */
export interface ResourceContent {
  uri: string;
  mimeType?: string;
  text?: string;
  blob?: string;
}

const MIME = /^[\w.+-]+\/[\w.+-]+$/;

function base64Bytes(b64: string): number {
  const clean = b64.replace(/\s/g, "");
  return Math.floor((clean.length * 3) / 4) - (clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0);
}

/** A resource's text (with the Markdown toggle), or its blob: an image shown, else its size. */
export function ResourceContents({ content }: { content: ResourceContent }) {
  if (typeof content.text === "string") return <TextContent text={content.text} label={`resource ${content.uri}`} />;
  const blob = typeof content.blob === "string" ? content.blob : "";
  const mime = typeof content.mimeType === "string" && MIME.test(content.mimeType) ? content.mimeType : undefined;
  if (mime?.startsWith("image/") && blob) return <img className="content-media" src={`data:${mime};base64,${blob.replace(/\s/g, "")}`} alt={`Resource ${content.uri}`} />;
  return <p className="muted small">binary ({base64Bytes(blob)} bytes)</p>;
}
