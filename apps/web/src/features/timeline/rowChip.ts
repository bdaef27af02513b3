import { errorCodeName, type Frame, type ProtocolEra, resultTypeName } from "@mcpscope/protocol/types";

/** A chip of a timeline row: its text, tooltip and CSS class. */
export interface RowChip {
  text: string;
  title?: string;
  className: string;
}

/**
 * What a response or error row says at a glance: a 2026-07-28 interim answer
 * (`resultType: "input_required"`) or task handle (`"task"`), or an error's code and name in
 * the session's era (see `errorCodeName`). Only frames that mention `resultType` are parsed.
 */
export function rowChip(frame: Frame, era: ProtocolEra | undefined): RowChip | undefined {
  if (frame.kind === "response" && frame.raw.includes('"resultType"')) {
    const resultType = (frame.msg?.result as { resultType?: unknown } | undefined)?.resultType;
    if (resultType === "input_required") return { text: "input required", title: resultTypeName(resultType), className: "row-chip chip-input" };
    if (resultType === "task") return { text: "task", title: resultTypeName(resultType), className: "row-chip chip-task" };
    return undefined;
  }
  if (frame.kind === "error") {
    const code = frame.msg?.error?.code;
    if (typeof code !== "number") return undefined;
    const named = errorCodeName(code, era);
    return { text: named ? `${code} ${named.name}` : String(code), ...(named?.note ? { title: named.note } : {}), className: "row-chip chip-error" };
  }
  return undefined;
}
