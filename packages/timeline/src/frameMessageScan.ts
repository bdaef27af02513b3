import type { classifyMessage, JsonRpcId } from "@mcpscope/protocol/types";
import { numberAt, stringAt, stringEnd, valueEnd } from "./jsonScan.js";

/** What `scanMessage` read of a JSON-RPC message's top-level members. */
export interface MessageScan {
  /** `jsonrpc` is `"2.0"`. */
  jsonrpc: boolean;
  /** `id`: a string or number; `null` when it is null; undefined when absent. */
  id: JsonRpcId | null | undefined;
  method: string | undefined;
  /** Text range of `params` (start, end), -1 when absent. */
  paramsStart: number;
  paramsEnd: number;
  hasResult: boolean;
  /** `error` is present; `errorIsObject`: and an object. */
  hasError: boolean;
  errorIsObject: boolean;
}

export function newMessageScan(): MessageScan {
  return { jsonrpc: false, id: undefined, method: undefined, paramsStart: -1, paramsEnd: -1, hasResult: false, hasError: false, errorIsObject: false };
}

const key = (text: string, i: number, k: number, name: string) => k - i === name.length && text.startsWith(name, i);

/** Method names read lately: a session uses a few, so most are found here, not sliced again. */
const recentMethods: string[] = [];

function methodAt(text: string, i: number, j: number): string {
  const n = j - i;
  for (const m of recentMethods) if (m.length === n && text.startsWith(m, i)) return m;
  const method = stringAt(text, i, j);
  if (recentMethods.length >= 16) recentMethods.pop();
  recentMethods.unshift(method);
  return method;
}

/**
 * Reads the top-level members of the JSON-RPC message object at `i` (`{`) without building
 * it: `jsonrpc`, `id`, `method`, where `params` is, whether `result` and `error` are there.
 * @returns the index just after the object, or -1 when it is not a JSON object written
 * without whitespace that ends before `end` (the caller then parses it).
 */
export function scanMessage(text: string, i: number, end: number, out: MessageScan): number {
  out.jsonrpc = false;
  out.id = undefined;
  out.method = undefined;
  out.paramsStart = out.paramsEnd = -1;
  out.hasResult = out.hasError = out.errorIsObject = false;
  if (text.charCodeAt(i) !== 123) return -1;
  let j = i + 1;
  if (text.charCodeAt(j) === 125) return j + 1;
  for (;;) {
    if (text.charCodeAt(j) !== 34) return -1;
    const k = stringEnd(text, j + 1);
    if (k < 0 || k >= end || text.charCodeAt(k + 1) !== 58) return -1;
    const v = k + 2;
    const ve = valueEnd(text, v, end);
    if (ve < 0) return -1;
    const first = text.charCodeAt(v);
    const name = j + 1;
    if (key(text, name, k, "id")) {
      if (first === 34) out.id = stringAt(text, v + 1, ve - 1);
      else if (first === 110) {
        if (ve - v !== 4 || !text.startsWith("null", v)) return -1;
        out.id = null;
      } else {
        const n = numberAt(text, v, ve);
        if (Number.isNaN(n)) return -1;
        out.id = n;
      }
    } else if (key(text, name, k, "method")) {
      if (first !== 34) return -1;
      out.method = methodAt(text, v + 1, ve - 1);
    } else if (key(text, name, k, "params")) {
      out.paramsStart = v;
      out.paramsEnd = ve;
    } else if (key(text, name, k, "result")) out.hasResult = true;
    else if (key(text, name, k, "error")) {
      out.hasError = true;
      out.errorIsObject = first === 123;
    } else if (key(text, name, k, "jsonrpc")) out.jsonrpc = ve - v === 5 && text.startsWith('"2.0"', v);
    const c = text.charCodeAt(ve);
    if (c === 125) return ve + 1;
    if (c !== 44) return -1;
    j = ve + 1;
  }
}

/** The frame kind a scanned message is, as `classifyMessage` says, or undefined. */
export function scannedKind(m: MessageScan): ReturnType<typeof classifyMessage> {
  return classifyShape(m.id, m.method, m.hasError, m.hasResult);
}

/**
 * The frame kind of a JSON-RPC message given its members, as `classifyMessage` says, except
 * that an error with `"id": null` is an error (JSON-RPC 2.0 §5: the id of a request that
 * could not be read), or undefined.
 */
export function classifyShape(id: unknown, method: unknown, hasError: boolean, hasResult: boolean): ReturnType<typeof classifyMessage> {
  const hasId = id !== undefined && id !== null;
  if (typeof method === "string") return hasId ? "request" : "notification";
  if (hasError && (hasId || id === null)) return "error";
  if (hasId && hasResult) return "response";
  return undefined;
}
