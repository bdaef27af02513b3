import type { Tool } from "@modelcontextprotocol/client";
import type { Frame, JsonRpcId } from "@mcpscope/protocol";

/** Outstanding `tools/list` requests kept at most (a server that never answers cannot grow it). */
const MAX_PENDING = 64;

/**
 * The tools a server listed, by name, read from the recorded `tools/list` answers (the
 * latest definition wins). A 2026-07-28 `tools/call` hands the tool's definition to the SDK
 * so it mirrors the arguments the tool designates with `x-mcp-header` into `Mcp-Param-*`
 * HTTP headers (MCP 2026-07-28 "Transports → Streamable HTTP", SEP-2243).
 */
export class ToolIndex {
  private readonly pending = new Set<JsonRpcId>();
  private readonly tools = new Map<string, Tool>();

  /** Reads one recorded frame. */
  onFrame(frame: Frame): void {
    const msg = frame.msg;
    if (!msg || msg.id === undefined || msg.id === null) return;
    if (frame.dir === "out" && frame.kind === "request" && msg.method === "tools/list") {
      if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.values().next().value!);
      this.pending.add(msg.id);
      return;
    }
    if (frame.dir !== "in" || frame.kind !== "response" || !this.pending.delete(msg.id)) return;
    const listed = (msg.result as { tools?: unknown } | undefined)?.tools;
    if (!Array.isArray(listed)) return;
    for (const tool of listed as Tool[]) if (typeof tool?.name === "string") this.tools.set(tool.name, tool);
  }

  /**
   * The tool's definition for the SDK, without its `outputSchema`: mcpscope shows what a
   * tool returns, and the UI judges it against the schema; the SDK would refuse it instead.
   */
  definition(name: unknown): Tool | undefined {
    const tool = typeof name === "string" ? this.tools.get(name) : undefined;
    if (!tool) return undefined;
    const copy = { ...tool };
    delete copy.outputSchema;
    return copy;
  }
}
