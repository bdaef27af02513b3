import type { SessionInfo } from "@mcpscope/protocol";
import type { QueryClient } from "@tanstack/react-query";
import { uniqueSessionLabels } from "../../lib/targetLabel";
import { getSessions } from "../../api/sessionsCache";
import { peekTimeline } from "../../stores/sessionTimeline";
import { sortedSessions, useSessionsStore } from "../../stores/sessionsStore";
import { useSidebarStore } from "../../stores/sidebarStore";
import { useTimelineStore, type TimelineTab } from "../../stores/timelineStore";
import { useToolSelectionStore } from "../../stores/toolSelectionStore";
import { useWorkbenchStore } from "../../stores/workbenchStore";
import { useThemeStore, type ThemeChoice } from "../theme/themeStore";
import { methodStatsOf } from "../timeline/derived";
import type { Tool } from "../tools/toolTypes";
import { focusConnectForm, toggleSessionsColumn, toggleTimelineMaximized } from "../workbench/workbenchActions";
import { SHORTCUTS, type Shortcut } from "./shortcuts";

/** One action of the command palette. */
export interface PaletteCommand {
  /** Unique; also what the palette's filter matches (with `keywords`). */
  id: string;
  group: "Actions" | "Timeline" | "Sessions" | "Tools" | "Filter by method";
  /** The option's accessible name and visible text. */
  name: string;
  keywords?: string[];
  shortcut?: Shortcut;
  run: () => void;
}

/** What the palette needs to know about the page. */
export interface PaletteContext {
  session?: SessionInfo;
  viewer: boolean;
  presenter: boolean;
  sessionsCollapsed: boolean;
  queryClient: QueryClient;
}

const VIEWS: { tab: TimelineTab; label: string }[] = [
  { tab: "frames", label: "Frames" },
  { tab: "spans", label: "Spans" },
  { tab: "summary", label: "Summary" },
  { tab: "console", label: "Console" },
  { tab: "composer", label: "Composer" },
  { tab: "settings", label: "Settings" },
];

const THEMES: { theme: ThemeChoice; label: string }[] = [
  { theme: "light", label: "Light" },
  { theme: "dark", label: "Dark" },
  { theme: "system", label: "System" },
];

/** Starts a download of a same-origin URL (the auth cookie goes along). */
function download(href: string, filename: string): void {
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
}

/** Shows the Frames view filtered by a method (other filters kept). */
export function filterByMethod(method: string): void {
  const timeline = useTimelineStore.getState();
  timeline.setTab("frames");
  timeline.setFilter({ ...timeline.filter, method });
}

/**
 * Every action the palette offers for the page as it is: connect, maximize, collapse the
 * sessions column, theme, share, export, compare, timeline views, switching sessions,
 * selecting tools, filtering by a method seen in the session. None connects or starts
 * anything except "Connect to a server…", which only focuses the Connect form.
 */
export function paletteCommands(ctx: PaletteContext): PaletteCommand[] {
  const { session, viewer, presenter } = ctx;
  const workbench = useWorkbenchStore.getState();
  const commands: PaletteCommand[] = [];
  if (!viewer) commands.push({ id: "connect", group: "Actions", name: "Connect to a server…", keywords: ["new session", "start"], run: focusConnectForm });
  commands.push({
    id: "maximize",
    group: "Actions",
    name: workbench.maximized ? "Restore panes" : "Maximize timeline",
    keywords: ["full width", "zoom", "timeline"],
    shortcut: SHORTCUTS.maximizeTimeline,
    run: toggleTimelineMaximized,
  });
  commands.push({
    id: "sessions-column",
    group: "Actions",
    name: ctx.sessionsCollapsed ? "Expand sessions column" : "Collapse sessions column",
    keywords: ["rail", "sidebar"],
    shortcut: SHORTCUTS.toggleSessions,
    run: toggleSessionsColumn,
  });
  for (const t of THEMES) {
    commands.push({ id: `theme-${t.theme}`, group: "Actions", name: `Theme: ${t.label}`, keywords: ["toggle theme", "appearance", "colour"], run: () => useThemeStore.getState().setTheme(t.theme) });
  }
  if (presenter) commands.push({ id: "share", group: "Actions", name: "Share this mcpscope…", keywords: ["viewer link"], run: () => useWorkbenchStore.getState().setShareOpen(true) });

  if (session) {
    const base = `/api/sessions/${encodeURIComponent(session.id)}`;
    commands.push({ id: "export-jsonl", group: "Actions", name: "Export JSONL", keywords: ["download", "recording"], run: () => download(`${base}/export`, `mcpscope-${session.id}.jsonl`) });
    if (session.transport !== "stdio") {
      commands.push({ id: "export-har", group: "Actions", name: "Export HAR", keywords: ["download"], run: () => download(`${base}/export.har`, `mcpscope-${session.id}.har`) });
    }
    commands.push({ id: "compare", group: "Actions", name: "Compare with…", keywords: ["diff"], run: () => useWorkbenchStore.getState().setCompare({ open: true }) });
    for (const v of VIEWS) {
      commands.push({ id: `view-${v.tab}`, group: "Timeline", name: `Show ${v.label}`, keywords: ["timeline", "tab"], run: () => useTimelineStore.getState().setTab(v.tab) });
    }
    commands.push({ id: "clear-filters", group: "Timeline", name: "Clear filters", keywords: ["filter", "reset"], run: () => useTimelineStore.getState().setFilter({}) });

    const index = peekTimeline(session.id)?.index;
    const methods = index ? methodStatsOf(index).summaries().map((m) => m.method) : [];
    for (const method of [...new Set(methods)].sort()) {
      commands.push({ id: `method-${method}`, group: "Filter by method", name: `Filter by method: ${method}`, run: () => filterByMethod(method) });
    }

    const tools = ctx.queryClient.getQueryData<Tool[]>(["tools", session.id]) ?? [];
    for (const tool of tools) {
      commands.push({
        id: `tool-${tool.name}`,
        group: "Tools",
        name: `Run tool: ${tool.name}`,
        keywords: [tool.title ?? "", tool.description ?? ""].filter(Boolean),
        run: () => selectTool(session.id, tool.name),
      });
    }
  }

  const list = sortedSessions(getSessions());
  const labels = uniqueSessionLabels(list);
  for (const s of list) {
    if (s.id === session?.id) continue;
    const label = labels.get(s.id) ?? s.id;
    commands.push({
      id: `session-${s.id}`,
      group: "Sessions",
      name: `Switch to ${label}${s.recorded ? " (recorded)" : ""}`,
      keywords: [s.id, s.status, new Date(s.createdAt).toLocaleString()],
      run: () => useSessionsStore.getState().select(s.id),
    });
  }
  return commands;
}

/** Selects a tool in the Tools tab and puts the focus in its form (running it stays a click away). */
export function selectTool(sessionId: string, name: string): void {
  useWorkbenchStore.getState().setMaximized(false);
  useSidebarStore.getState().update(sessionId, () => ({ tab: "tools" }));
  useToolSelectionStore.getState().select(sessionId, name);
  const focus = (tries: number) => {
    const form = document.querySelector<HTMLElement>('section[aria-label="Tool form"]:not([hidden] *)');
    const field = form?.querySelector<HTMLElement>("input, textarea, select, button[type=submit]");
    if (field) field.focus();
    else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
  };
  requestAnimationFrame(() => focus(30));
}

/** Selects a frame by seq and scrolls it into view in the Frames view. */
export function goToFrame(sessionId: string, seq: number): void {
  const timeline = useTimelineStore.getState();
  timeline.setTab("frames");
  timeline.select(sessionId, seq, true);
}
