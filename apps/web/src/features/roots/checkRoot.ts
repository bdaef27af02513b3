import type { Root } from "@mcpscope/protocol";

/**
 * Checks a root typed by a person (MCP 2025-11-25 "Client Features → Roots": a root's `uri`
 * must be a `file://` URI). Trims both fields; an empty name is left out.
 * @returns the root, or `error`: what is wrong and how to fix it.
 */
export function checkRoot(uri: string, name: string, existing: readonly Root[]): { root: Root } | { error: string } {
  const u = uri.trim();
  if (u === "") return { error: "Enter the root's URI, e.g. file:///home/me/project." };
  if (!u.startsWith("file://")) return { error: `A root's URI must start with file:// (got "${u}"), e.g. file:///home/me/project.` };
  try {
    new URL(u);
  } catch {
    return { error: `"${u}" is not a valid URI. Spaces and other special characters must be percent-encoded (%20).` };
  }
  if (existing.some((r) => r.uri === u)) return { error: `${u} is already a root.` };
  const n = name.trim();
  return { root: n ? { uri: u, name: n } : { uri: u } };
}

/** Whether two root lists are the same, in order. */
export function sameRoots(a: readonly Root[], b: readonly Root[]): boolean {
  return a.length === b.length && a.every((r, i) => r.uri === b[i]!.uri && (r.name ?? "") === (b[i]!.name ?? ""));
}
