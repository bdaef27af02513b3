import { lazy, Suspense, type KeyboardEvent } from "react";
import { Group, Panel, Separator, useDefaultLayout } from "react-resizable-panels";
import type { SessionInfo } from "@mcpscope/protocol";
import { useSessionTimeline } from "../../stores/useSessionTimeline";
import { useTimelineStore, type TimelineTab } from "../../stores/timelineStore";
import { useWorkbenchStore } from "../../stores/workbenchStore";
import { formatShortcut, SHORTCUTS } from "../commands/shortcuts";
import { layoutStorage } from "../workbench/layoutStorage";
import { toggleTimelineMaximized } from "../workbench/workbenchActions";
import { ConsoleView } from "../logging/ConsoleView";
import { FrameDetail } from "./FrameDetail";
import { FramesView } from "./FramesView";

// Tabs a session does not open at once load on first use (the page's first load stays small).
const SpanView = lazy(() => import("./SpanView").then((m) => ({ default: m.SpanView })));
const SummaryView = lazy(() => import("./SummaryView").then((m) => ({ default: m.SummaryView })));
const ComposerView = lazy(() => import("../composer/ComposerView").then((m) => ({ default: m.ComposerView })));
const SettingsView = lazy(() => import("../settings/SettingsView").then((m) => ({ default: m.SettingsView })));

const TABS: { id: TimelineTab; label: string }[] = [
  { id: "frames", label: "Frames" },
  { id: "spans", label: "Spans" },
  { id: "summary", label: "Summary" },
  { id: "console", label: "Console" },
  { id: "composer", label: "Composer" },
  { id: "settings", label: "Settings" },
];

/**
 * Region "Timeline" with tabs (Frames, Spans, Summary, Console, Composer, Settings) and
 * region "Frame detail" below, split by a resizable separator (its size remembered in this
 * browser). Only the active tab is rendered. "Maximize timeline" gives it the whole width.
 */
export function TimelinePane({ session }: { session?: SessionInfo }) {
  const follow = useTimelineStore((s) => s.follow);
  const setFollow = useTimelineStore((s) => s.setFollow);
  const tab = useTimelineStore((s) => s.tab);
  const setTab = useTimelineStore((s) => s.setTab);
  const maximized = useWorkbenchStore((s) => s.maximized);
  const split = useDefaultLayout({ id: "mcpscope-timeline", storage: layoutStorage });
  const timeline = useSessionTimeline(session?.id);
  const index = timeline?.index;
  const version = timeline?.version ?? 0;

  const count = index?.lastSeq ?? 0;
  const first = index?.get(1)?.ts;
  const startTs = Math.min(session?.createdAt ?? Infinity, first ?? Infinity);
  const start = Number.isFinite(startTs) ? startTs : 0;
  const inFlight = index?.inFlightCount ?? 0;

  const onTabKey = (event: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    let next: number | undefined;
    if (event.key === "ArrowRight") next = (i + 1) % TABS.length;
    else if (event.key === "ArrowLeft") next = (i - 1 + TABS.length) % TABS.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = TABS.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    setTab(TABS[next]!.id);
    document.getElementById(`timeline-tab-${TABS[next]!.id}`)?.focus();
  };

  return (
    <Group id="timeline-split" orientation="vertical" className="right" defaultLayout={split.defaultLayout} onLayoutChanged={split.onLayoutChanged}>
      <Panel id="tl-frames" minSize={160} defaultSize="60%">
        <section aria-label="Timeline" className="pane timeline-pane">
          <div className="pane-head">
            <h2 className="pane-title">Timeline</h2>
            <span className="count">
              {count.toLocaleString()}
              <span className="sr-only"> frames</span>
            </span>
            {inFlight > 0 && <span className="muted small">{inFlight} in flight</span>}
            <div role="tablist" aria-label="Timeline views" className="timeline-tabs" onKeyDown={onTabKey}>
              {TABS.map((t) => (
                <button
                  key={t.id}
                  type="button"
                  role="tab"
                  id={`timeline-tab-${t.id}`}
                  aria-selected={tab === t.id}
                  aria-controls="timeline-tabpanel"
                  tabIndex={tab === t.id ? 0 : -1}
                  className="tab"
                  onClick={() => setTab(t.id)}
                >
                  {t.label}
                </button>
              ))}
            </div>
            <span className="spacer" />
            {tab === "frames" && (
              <button
                type="button"
                className="small toggle"
                aria-pressed={follow}
                aria-label="Follow new frames"
                title="Keep the newest frame in view"
                onClick={() => setFollow(!follow)}
              >
                <span aria-hidden="true">⤓</span> Follow
              </button>
            )}
            <button
              type="button"
              className="small toggle"
              aria-pressed={maximized}
              aria-label="Maximize timeline"
              aria-keyshortcuts="Control+Backslash Meta+Backslash"
              title={`${maximized ? "Bring the other panes back" : "Give the timeline the whole width"} (${formatShortcut(SHORTCUTS.maximizeTimeline)})`}
              onClick={toggleTimelineMaximized}
            >
              <span aria-hidden="true">{maximized ? "⤡" : "⤢"}</span>
            </button>
          </div>
          <div role="tabpanel" id="timeline-tabpanel" aria-labelledby={`timeline-tab-${tab}`} className="timeline-tabpanel">
            {session && index ? (
              <>
                {tab === "frames" && <FramesView sessionId={session.id} index={index} version={version} startTs={start} />}
                <Suspense fallback={<p className="muted small pad">Loading…</p>}>
                  {tab === "spans" && <SpanView sessionId={session.id} index={index} version={version} startTs={start} />}
                  {tab === "summary" && <SummaryView index={index} version={version} />}
                  {tab === "composer" && <ComposerView session={session} index={index} version={version} />}
                  {tab === "settings" && <SettingsView key={session.id} session={session} />}
                </Suspense>
                {tab === "console" && <ConsoleView session={session} index={index} version={version} startTs={start} />}
              </>
            ) : (
              <p className="muted small pad">No session selected.</p>
            )}
          </div>
        </section>
      </Panel>
      <Separator className="resize-handle" aria-label="Resize the frame detail" />
      <Panel id="tl-detail" minSize={80} collapsible defaultSize="40%">
        {session && index ? (
          <FrameDetail sessionId={session.id} index={index} startTs={start} />
        ) : (
          <p className="muted small pad">Select a frame to see it here.</p>
        )}
      </Panel>
    </Group>
  );
}
