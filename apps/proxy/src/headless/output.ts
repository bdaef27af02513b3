/**
 * Writes to stdout and resolves once the text is handed to the OS, so a process that exits
 * right after loses none of it. `json`: the value as one line of JSON; `text`: the string as is.
 */
export function writeOut(value: unknown, format: "json" | "text"): Promise<void> {
  const text = format === "json" ? `${JSON.stringify(value)}\n` : String(value);
  if (text === "") return Promise.resolve();
  return new Promise((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
}

type Block = Record<string, unknown>;

/** A field as text: strings as they are, anything else as JSON. */
const str = (value: unknown): string => (typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value));

const sizeOf = (base64: unknown) => (typeof base64 === "string" ? Math.floor((base64.length * 3) / 4) : 0);

/** One content block (MCP 2025-11-25 "Tools → Tool Result") as text: text as is, binary as a summary. */
export function contentText(block: Block): string {
  switch (block.type) {
    case "text":
      return String(block.text);
    case "image":
    case "audio":
      return `[${block.type} ${String(block.mimeType)}, ${sizeOf(block.data)} bytes]`;
    case "resource_link":
      return `[resource_link ${String(block.uri)}${block.name ? ` (${str(block.name)})` : ""}]`;
    case "resource":
      return resourceText((block.resource ?? {}) as Block);
    default:
      return JSON.stringify(block);
  }
}

/** A resource's contents (`resources/read`, embedded resources) as text: its text, or a summary of a blob. */
export function resourceText(contents: Block): string {
  if (typeof contents.text === "string") return contents.text;
  return `[blob ${String(contents.uri)} ${str(contents.mimeType)}, ${sizeOf(contents.blob)} bytes]`.replace(" ,", ",");
}

/** A line per list item: its name (or uri), then its title or description's first line. */
export function listText(items: Block[], key: "name" | "uri"): string {
  return items
    .map((item) => {
      const about = str(item.title ?? item.description).split("\n")[0]!.trim();
      return about ? `${String(item[key])}\t${about}\n` : `${str(item[key])}\n`;
    })
    .join("");
}

/** A `tools/call` result as text: each content block on its own, then `structuredContent` as JSON when there is no content. */
export function toolResultText(result: Block): string {
  const content = Array.isArray(result.content) ? (result.content as Block[]) : [];
  const parts = content.map(contentText);
  if (result.structuredContent !== undefined && parts.length === 0) parts.push(JSON.stringify(result.structuredContent, null, 2));
  return parts.map((p) => `${p}\n`).join("");
}

/** A `prompts/get` result as text: each message as `role: content`. */
export function promptText(result: Block): string {
  const messages = Array.isArray(result.messages) ? (result.messages as Block[]) : [];
  return messages.map((m) => `${String(m.role)}: ${contentText((m.content ?? {}) as Block)}\n`).join("");
}
