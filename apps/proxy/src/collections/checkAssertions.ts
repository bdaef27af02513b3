import type { Assertion, AssertionVerdict, JsonRpcError } from "@mcpscope/protocol";
import { differingPaths, normalize, VOLATILE_KEYS } from "@mcpscope/timeline";
import { validateJson } from "../validation/validateJson.js";

/** What a request got: its result or its JSON-RPC error, and the round trip in milliseconds. */
export type Answer = { result: Record<string, unknown>; durationMs: number } | { error: JsonRpcError; durationMs: number };

const IGNORED = new Set([...VOLATILE_KEYS, "_meta"]);
const MAX_SHOWN = 200;

/**
 * The value at a JSON Pointer (RFC 6901: `/`-separated, `~1` is `/`, `~0` is `~`) in `root`;
 * `found: false` when a step names nothing.
 */
export function atPointer(root: unknown, pointer: string): { found: true; value: unknown } | { found: false } {
  if (pointer === "") return { found: true, value: root };
  let value = root;
  for (const raw of pointer.slice(1).split("/")) {
    const step = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(value) && /^(0|[1-9]\d*)$/.test(step) && Number(step) < value.length) value = value[Number(step)];
    else if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.hasOwn(value, step)) value = (value as Record<string, unknown>)[step];
    else return { found: false };
  }
  return { found: true, value };
}

/**
 * Every `text` string of a result, in document order: text content blocks of a tool result,
 * `text` of resource contents, prompt messages' text; any `text` member at any depth.
 */
export function textsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) textsOf(v, out);
  else if (value !== null && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key === "text" && typeof v === "string") out.push(v);
      else textsOf(v, out);
    }
  }
  return out;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

const where = (path: string | undefined) => (path ? ` at ${path}` : "");

function check(assertion: Assertion, answer: Answer): AssertionVerdict {
  const verdict = (pass: boolean, message: string): AssertionVerdict => ({ assertion, pass, message });
  if (assertion.type === "latency") {
    const ms = Math.round(answer.durationMs * 10) / 10;
    return verdict(answer.durationMs <= assertion.maxMs, `answered in ${ms} ms (limit ${assertion.maxMs} ms)`);
  }
  if ("error" in answer) {
    const { code, message } = answer.error;
    if (assertion.type === "error") {
      const pass = assertion.code === undefined || assertion.code === code;
      return verdict(pass, pass ? `JSON-RPC error ${code}: ${message}` : `expected JSON-RPC error ${assertion.code}, got ${code}: ${message}`);
    }
    return verdict(false, `no result: the server answered with JSON-RPC error ${code}: ${message}`);
  }
  const { result } = answer;
  switch (assertion.type) {
    case "error":
      return verdict(false, `expected a JSON-RPC error${assertion.code === undefined ? "" : ` ${assertion.code}`}, got a result`);
    case "noError": {
      if (result.isError !== true) return verdict(true, "no error");
      const text = textsOf(result.content).join(" ");
      return verdict(false, `the tool reported an error (isError: true)${text ? `: ${text.slice(0, MAX_SHOWN)}` : ""}`);
    }
    case "contains": {
      const texts = textsOf(result);
      const pass = texts.some((t) => t.includes(assertion.text));
      return verdict(pass, pass ? `a text contains ${JSON.stringify(assertion.text)}` : `no text contains ${JSON.stringify(assertion.text)} (texts: ${shown(texts)})`);
    }
    case "equals": {
      const at = atPointer(result, assertion.path ?? "");
      if (!at.found) return verdict(false, `nothing${where(assertion.path)} in the result`);
      const paths = differingPaths(normalize(assertion.value, IGNORED), normalize(at.value, IGNORED));
      if (paths.length === 0) return verdict(true, `equal${where(assertion.path)}`);
      const inner = paths.filter((p) => p !== "(value)");
      return verdict(false, `not equal${where(assertion.path)}${inner.length ? ` (differs at ${inner.join(", ")})` : ""}: expected ${shown(assertion.value)}, got ${shown(at.value)}`);
    }
    case "schema": {
      const at = atPointer(result, assertion.path ?? "");
      if (!at.found) return verdict(false, `nothing${where(assertion.path)} in the result`);
      try {
        const { valid, errors, dialect } = validateJson(assertion.schema, at.value);
        const issues = errors.map((e) => `${e.path} ${e.message}`).join("; ");
        return verdict(valid, valid ? `valid${where(assertion.path)} (JSON Schema ${dialect})` : `invalid${where(assertion.path)} (JSON Schema ${dialect}): ${issues}`);
      } catch (err) {
        return verdict(false, `the assertion's schema is not a valid JSON Schema: ${(err as Error).message}`);
      }
    }
  }
}

/**
 * Checks an answer against a collection item's assertions (`noError` when there are none).
 * A JSON-RPC error answer fails the item unless an `error` assertion expects one: then the
 * verdicts include a failed "unexpected error" check.
 */
export function checkAssertions(assertions: readonly Assertion[], answer: Answer): AssertionVerdict[] {
  const list: readonly Assertion[] = assertions.length ? assertions : [{ type: "noError" }];
  const verdicts = list.map((a) => check(a, answer));
  if ("error" in answer && !list.some((a) => a.type === "error") && !verdicts.some((v) => !v.pass)) {
    const { code, message } = answer.error;
    verdicts.push({ assertion: { type: "noError" }, pass: false, message: `the server answered with JSON-RPC error ${code}: ${message}` });
  }
  return verdicts;
}
