import type { FrameDir, FrameKind } from "@mcpscope/protocol";
import type { FrameFilter } from "@mcpscope/timeline";
import type { SidebarTab } from "../stores/sidebarStore";
import type { TimelineTab } from "../stores/timelineStore";

/**
 * What the address bar says the page shows: enough to reopen the same view in another
 * browser. It selects what exists; nothing in it starts a process or connects anywhere.
 */
export interface ViewState {
  /** The selected session's id (`/sessions/<id>`). */
  session?: string;
  /** The selected frame's seq (`/sessions/<id>/frames/<seq>`). */
  frame?: number;
  /** The sidebar tab (`pane=`); absent means the first the server offers. */
  pane?: SidebarTab;
  /** The selected tool's name (`tool=`). */
  tool?: string;
  /** The selected resource's URI (`resource=`). */
  resource?: string;
  /** The selected resource template (`template=`). */
  template?: string;
  /** The selected prompt's name (`prompt=`). */
  prompt?: string;
  /** The selected task's id (`task=`). */
  task?: string;
  /** The selected collection's id (`collection=`, Collections tab). */
  collection?: string;
  /** The Timeline view (`view=`); absent means Frames. */
  view?: TimelineTab;
  /** The Frames filter: `dir=`, `kind=` (comma-separated), `method=`, `id=`, `q=` (text). */
  filter: FrameFilter;
  /** The session compared with the selected one (`compare=`): "Compare with…" is open. */
  compare?: string;
  /** A configured server (`--config`) to highlight in the list (`server=`): never connected from here. */
  server?: string;
  /** The timeline takes the whole width (`max=1`). */
  maximized?: boolean;
}

/** The search parameters of every route, as strings (what the router validates). */
export interface ViewSearch {
  pane?: string;
  tool?: string;
  resource?: string;
  template?: string;
  prompt?: string;
  task?: string;
  collection?: string;
  view?: string;
  dir?: string;
  kind?: string;
  method?: string;
  id?: string;
  q?: string;
  compare?: string;
  server?: string;
  max?: string;
}

const SEARCH_KEYS = ["pane", "tool", "resource", "template", "prompt", "task", "collection", "view", "dir", "kind", "method", "id", "q", "compare", "server", "max"] as const;
const PANES: readonly SidebarTab[] = ["tools", "resources", "prompts", "tasks", "apps", "collections", "auth"];
const VIEWS: readonly TimelineTab[] = ["frames", "spans", "summary", "console", "composer", "settings"];
const DIRS: readonly FrameDir[] = ["out", "in", "meta", "app", "host"];
const KINDS: readonly FrameKind[] = ["request", "response", "error", "notification", "invalid", "stderr", "lifecycle", "http"];

/**
 * The route's `validateSearch`: keeps the known keys with non-empty string values and drops
 * everything else (a `token=`, unknown keys, arrays, objects), so nothing else is written back.
 */
export function validateViewSearch(raw: Record<string, unknown>): ViewSearch {
  const search: ViewSearch = {};
  for (const key of SEARCH_KEYS) {
    const value = raw[key];
    const text = typeof value === "number" || typeof value === "boolean" ? String(value) : value;
    if (typeof text === "string" && text !== "") search[key] = text;
  }
  return search;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

function listOf<T extends string>(value: string | undefined, allowed: readonly T[]): T[] | undefined {
  const items = (value ?? "").split(",").filter((v): v is T => allowed.includes(v as T));
  return items.length ? [...new Set(items)] : undefined;
}

/** A frame seq from a path segment: a positive integer, else undefined. */
function parseSeq(value: string | undefined): number | undefined {
  if (value === undefined || !/^[1-9]\d{0,15}$/.test(value)) return undefined;
  const seq = Number(value);
  return Number.isSafeInteger(seq) ? seq : undefined;
}

/**
 * The view a route describes: `params` from `/sessions/$sessionId[/frames/$seq]`, `search`
 * as validated. Values that name nothing valid (an unknown pane, a seq of 0) are dropped.
 */
export function viewFromRoute(params: { sessionId?: string; seq?: string }, search: ViewSearch): ViewState {
  const session = params.sessionId || undefined;
  const filter: FrameFilter = {};
  const dirs = listOf(search.dir, DIRS);
  const kinds = listOf(search.kind, KINDS);
  if (dirs) filter.dirs = dirs;
  if (kinds) filter.kinds = kinds;
  if (search.method) filter.method = search.method;
  if (search.id) filter.id = search.id;
  if (search.q) filter.text = search.q;
  const view: ViewState = { filter };
  const set = <K extends keyof ViewState>(key: K, value: ViewState[K] | undefined) => {
    if (value !== undefined) view[key] = value;
  };
  if (session) {
    set("session", session);
    set("frame", parseSeq(params.seq));
    set("pane", oneOf(search.pane, PANES));
    set("tool", search.tool);
    set("resource", search.resource);
    set("template", search.resource ? undefined : search.template);
    set("prompt", search.prompt);
    set("task", search.task);
    set("collection", search.collection);
    set("compare", search.compare !== session ? search.compare : undefined);
  }
  set("view", oneOf(search.view, VIEWS));
  set("server", search.server);
  set("maximized", search.max === "1" ? true : undefined);
  return view;
}

/** The route to navigate to for a view (TanStack Router's `to`, `params`, `search`). */
export type ViewRoute =
  | { to: "/"; params: Record<string, never>; search: ViewSearch }
  | { to: "/sessions/$sessionId"; params: { sessionId: string }; search: ViewSearch }
  | { to: "/sessions/$sessionId/frames/$seq"; params: { sessionId: string; seq: string }; search: ViewSearch };

/**
 * The route of a view, in canonical form: defaults (`pane=tools`, `view=frames`) and empty
 * values are left out, so two equal views give the same URL. Session-bound parts (frame,
 * selections, compare) are left out without a session.
 */
export function routeFromView(view: ViewState): ViewRoute {
  const search: ViewSearch = {};
  const put = (key: keyof ViewSearch, value: string | undefined) => {
    if (value) search[key] = value;
  };
  const { filter } = view;
  if (view.session) {
    put("pane", view.pane === "tools" ? undefined : view.pane);
    put("tool", view.tool);
    put("resource", view.resource);
    put("template", view.resource ? undefined : view.template);
    put("prompt", view.prompt);
    put("task", view.task);
    put("collection", view.collection);
    put("compare", view.compare === view.session ? undefined : view.compare);
  }
  put("view", view.view === "frames" ? undefined : view.view);
  put("dir", filter.dirs?.join(","));
  put("kind", filter.kinds?.join(","));
  put("method", filter.method);
  put("id", filter.id);
  put("q", filter.text);
  put("server", view.server);
  put("max", view.maximized ? "1" : undefined);
  if (!view.session) return { to: "/", params: {}, search };
  if (view.frame !== undefined && Number.isSafeInteger(view.frame) && view.frame > 0) {
    return { to: "/sessions/$sessionId/frames/$seq", params: { sessionId: view.session, seq: String(view.frame) }, search };
  }
  return { to: "/sessions/$sessionId", params: { sessionId: view.session }, search };
}

/** Reads a URL's query string into plain string values (the router's `parseSearch`). */
export function parseSearchString(searchStr: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(searchStr)) out[key] = value;
  return out;
}

/** Writes search values as a readable query string with a leading `?` (the router's `stringifySearch`). */
export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, typeof value === "string" ? value : JSON.stringify(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The path and query of a view, e.g. `/sessions/s1/frames/12?tool=echo`: what the address bar shows. */
export function viewHref(view: ViewState): string {
  const route = routeFromView(view);
  const enc = encodeURIComponent;
  const path =
    route.to === "/" ? "/"
    : route.to === "/sessions/$sessionId" ? `/sessions/${enc(route.params.sessionId)}`
    : `/sessions/${enc(route.params.sessionId)}/frames/${route.params.seq}`;
  return path + stringifySearch(route.search as Record<string, unknown>);
}

/** The view of a path and query (the inverse of `viewHref`), for tests and links. */
export function viewFromHref(href: string): ViewState {
  const url = new URL(href, "http://mcpscope.invalid");
  const match = /^\/sessions\/([^/]+)(?:\/frames\/([^/]+))?\/?$/.exec(url.pathname);
  const params = match ? { sessionId: decodeURIComponent(match[1]!), seq: match[2] } : {};
  return viewFromRoute(params, validateViewSearch(parseSearchString(url.search)));
}

/** Whether two views give the same URL. */
export function sameView(a: ViewState, b: ViewState): boolean {
  return viewHref(a) === viewHref(b);
}

/**
 * Whether going from `a` to `b` is a new place to go back from (push) or a refinement of the
 * same one (replace): typing in the method, id or text filter replaces.
 */
export function isNewPlace(a: ViewState, b: ViewState): boolean {
  const typed = (v: ViewState): ViewState => ({ ...v, filter: { ...v.filter, method: undefined, id: undefined, text: undefined } });
  return !sameView(typed(a), typed(b));
}
