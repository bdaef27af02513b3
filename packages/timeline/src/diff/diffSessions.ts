import type { Frame } from "@mcpscope/protocol";
import { TimelineIndex } from "../timelineIndex.js";
import { differingPaths, normalize, VOLATILE_KEYS } from "./normalize.js";

/** What answered a request: its result or its JSON-RPC error; absent when none came. */
export type Answer = { result: unknown } | { error: { code: number; message: string; data?: unknown } };

/** One client request of session A and what each session answered. */
export interface RequestDiff {
  method: string;
  params: unknown;
  a?: Answer;
  /** Absent when session B never sent this request or got no answer. */
  b?: Answer;
  equal: boolean;
  /** Paths where the answers differ (after ignoring volatile fields). */
  paths: string[];
}

/** A tool, prompt, resource or resource template added, removed or changed between sessions. */
export interface ListDiff {
  list: "tools" | "prompts" | "resources" | "resourceTemplates";
  name: string;
  change: "added" | "removed" | "changed";
  /** For `changed`: the differing paths, e.g. `inputSchema.properties.x.type`. */
  paths?: string[];
}

export interface SessionDiff {
  requests: RequestDiff[];
  lists: ListDiff[];
  equal: boolean;
}

export interface DiffOptions {
  /** More keys to ignore at any depth, beside `VOLATILE_KEYS`. */
  ignoreKeys?: string[];
}

interface SentRequest {
  method: string;
  params: unknown;
  key: string;
  answer?: Answer;
}

/**
 * A request's params without `_meta`, for matching requests across sessions. Absent params
 * count as `{}` (MCP 2025-11-25 "Base Protocol": params are optional): a client that sends
 * `tools/list` bare and an engine that adds only `_meta` sent the same request.
 */
function stripMeta(params: unknown): unknown {
  if (params === undefined) return {};
  if (params === null || typeof params !== "object" || Array.isArray(params)) return params;
  const { _meta: _ignored, ...rest } = params as Record<string, unknown>;
  return rest;
}

function clientRequests(frames: readonly Frame[]): SentRequest[] {
  const index = new TimelineIndex();
  index.add(frames);
  const out: SentRequest[] = [];
  for (const frame of frames) {
    if (frame.dir !== "out" || frame.kind !== "request" || !frame.msg?.method || frame.msg.method === "initialize") continue;
    const params = stripMeta(frame.msg.params);
    const response = index.pairOf(frame)?.response?.msg;
    const answer: Answer | undefined = response ? (response.error ? { error: response.error } : { result: response.result }) : undefined;
    out.push({ method: frame.msg.method, params, key: `${frame.msg.method} ${JSON.stringify(normalize(params, new Set()))}`, answer });
  }
  return out;
}

const LISTS = [
  { list: "tools", method: "tools/list", field: "tools", id: "name" },
  { list: "prompts", method: "prompts/list", field: "prompts", id: "name" },
  { list: "resources", method: "resources/list", field: "resources", id: "uri" },
  { list: "resourceTemplates", method: "resources/templates/list", field: "resourceTemplates", id: "uriTemplate" },
] as const;

/** Every item a session's list answers returned (all pages), by id; the last answer wins. */
function listed(requests: SentRequest[], method: string, field: string, id: string): Map<string, unknown> {
  const items = new Map<string, unknown>();
  for (const r of requests) {
    if (r.method !== method || !r.answer || !("result" in r.answer)) continue;
    for (const item of ((r.answer.result as Record<string, unknown>)?.[field] as Array<Record<string, unknown>> | undefined) ?? []) {
      items.set(String(item[id]), item);
    }
  }
  return items;
}

/**
 * Compares two sessions for a regression check: each client request of A is paired with
 * the same request (method and params, in order of occurrence) in B and their answers are
 * compared with volatile fields ignored; tools, prompts, resources and templates listed in
 * each are compared by name (schemas included).
 */
export function diffSessions(a: readonly Frame[], b: readonly Frame[], options: DiffOptions = {}): SessionDiff {
  const ignore = new Set([...VOLATILE_KEYS, ...(options.ignoreKeys ?? [])]);
  const requestsA = clientRequests(a);
  const requestsB = clientRequests(b);
  const pool = new Map<string, SentRequest[]>();
  for (const r of requestsB) pool.set(r.key, [...(pool.get(r.key) ?? []), r]);

  const requests: RequestDiff[] = requestsA.map((ra) => {
    const rb = pool.get(ra.key)?.shift();
    const na = normalize(ra.answer, ignore);
    const nb = normalize(rb?.answer, ignore);
    const paths = rb?.answer ? differingPaths(na, nb) : ["(no answer in B)"];
    return { method: ra.method, params: ra.params, a: ra.answer, b: rb?.answer, equal: paths.length === 0, paths };
  });

  const lists: ListDiff[] = [];
  for (const { list, method, field, id } of LISTS) {
    const before = listed(requestsA, method, field, id);
    const after = listed(requestsB, method, field, id);
    for (const [name, item] of before) {
      if (!after.has(name)) lists.push({ list, name, change: "removed" });
      else {
        const paths = differingPaths(normalize(item, ignore), normalize(after.get(name), ignore));
        if (paths.length) lists.push({ list, name, change: "changed", paths });
      }
    }
    for (const name of after.keys()) if (!before.has(name)) lists.push({ list, name, change: "added" });
  }
  return { requests, lists, equal: requests.every((r) => r.equal) && lists.length === 0 };
}

/** A plain-text report of a diff, one line per difference. */
export function formatDiffReport(diff: SessionDiff): string {
  const lines: string[] = [];
  const changed = diff.requests.filter((r) => !r.equal);
  lines.push(`${diff.requests.length} requests compared, ${changed.length} differ; ${diff.lists.length} list entries differ.`);
  for (const r of changed) lines.push(`request ${r.method} ${JSON.stringify(r.params)}: differs at ${r.paths.join(", ")}`);
  for (const l of diff.lists) lines.push(`${l.list} ${l.name}: ${l.change}${l.paths ? ` at ${l.paths.join(", ")}` : ""}`);
  lines.push(diff.equal ? "No differences." : "Sessions differ.");
  return lines.join("\n");
}
