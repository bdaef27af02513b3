import type { Tool } from "./toolTypes";

interface Badge {
  text: string;
  /** What the badge means, for assistive technology and the tooltip. */
  meaning: string;
  tone: "ok" | "danger" | "muted" | "warn";
}

/**
 * The badges of a tool's annotations (MCP 2025-11-25 "Tools → Tool annotations"), each hint
 * read with the spec's defaults: readOnlyHint false, destructiveHint true (when not
 * read-only), idempotentHint false, openWorldHint true. Only hints the server set are shown.
 */
export function annotationBadges(annotations: Tool["annotations"]): Badge[] {
  if (!annotations) return [];
  const badges: Badge[] = [];
  const { readOnlyHint, destructiveHint, idempotentHint, openWorldHint } = annotations;
  if (readOnlyHint === true) badges.push({ text: "read-only", meaning: "Read-only: does not modify its environment", tone: "ok" });
  if (readOnlyHint !== true && destructiveHint === true) badges.push({ text: "destructive", meaning: "Destructive: may delete or overwrite data", tone: "danger" });
  if (readOnlyHint !== true && destructiveHint === false) badges.push({ text: "additive", meaning: "Not destructive: only adds, never deletes or overwrites", tone: "muted" });
  if (idempotentHint === true) badges.push({ text: "idempotent", meaning: "Idempotent: calling it again with the same arguments has no further effect", tone: "muted" });
  if (openWorldHint === true) badges.push({ text: "open world", meaning: "Open world: interacts with external entities (the web, other systems)", tone: "warn" });
  if (openWorldHint === false) badges.push({ text: "closed world", meaning: "Closed world: its domain is closed (no external entities)", tone: "muted" });
  return badges;
}

/**
 * A tool's annotation badges as a list, unnamed: it sits in the tool's description (the tool
 * button's `aria-describedby`), so a screen reader reads the hints with the tool.
 */
export function ToolBadges({ tool }: { tool: Tool }) {
  const badges = annotationBadges(tool.annotations);
  if (badges.length === 0) return null;
  return (
    <ul className="tool-badges">
      {badges.map((b) => (
        <li key={b.text} className={`tool-badge tool-badge-${b.tone}`} title={b.meaning}>
          <span aria-hidden="true">{b.text}</span>
          <span className="sr-only">{b.meaning}</span>
        </li>
      ))}
    </ul>
  );
}

/** How a tool's first icon can be shown: a `data:` image inline, an https icon only named. */
export type ToolIcon = { kind: "inline"; src: string } | { kind: "remote"; src: string };

/**
 * The tool's first icon (`icons[0].src`, MCP 2025-11-25 "Icons"), if it is a `data:` image or
 * an https URL; anything else (http, javascript:, relative) is ignored. The page's CSP keeps
 * `img-src 'self' data: blob:` on purpose: a remote image would tell its host that someone is
 * inspecting the server (a tracking pixel), so https icons are named, not loaded.
 */
export function toolIcon(tool: Tool): ToolIcon | undefined {
  const src = tool.icons?.[0]?.src;
  if (typeof src !== "string") return undefined;
  if (/^data:image\/[\w.+-]+[;,]/i.test(src)) return { kind: "inline", src };
  try {
    return new URL(src).protocol === "https:" ? { kind: "remote", src } : undefined;
  } catch {
    return undefined;
  }
}

/** A tool's icon: the image for a data: icon, a placeholder naming the URL for an https one. */
export function ToolIconImage({ tool }: { tool: Tool }) {
  const icon = toolIcon(tool);
  if (!icon) return null;
  if (icon.kind === "inline") return <img className="tool-icon" src={icon.src} alt={`Icon of ${tool.name}`} width={16} height={16} />;
  return (
    <span className="tool-icon tool-icon-remote" role="img" aria-label={`Icon of ${tool.name} not loaded (remote: ${icon.src})`} title={`Remote icon not loaded: ${icon.src}`}>
      ◌
    </span>
  );
}
