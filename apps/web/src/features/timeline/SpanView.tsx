import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { describeRounds, type Span, type SpanLayout, type TickType, type TimelineIndex } from "@mcpscope/timeline";
import { formatMs } from "../../lib/format";
import { useTimelineStore } from "../../stores/timelineStore";
import { spanLayoutOf } from "./derived";
import "./messageFacts.css";

const AXIS_H = 22;
const STRIP_H = 16;
const LANE_H = 20;
const BAR_H = 14;
const MIN_SPAN_MS = 0.001;

interface Props {
  sessionId: string;
  index: TimelineIndex;
  version: number;
  startTs: number;
}

/** The time window shown: the whole session (following it live) or a fixed one. */
type Window = { fit: true } | { fit: false; t0: number; t1: number };

function niceStep(raw: number): number {
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

function formatOffset(ms: number, step: number): string {
  if (step >= 1000) return `${(ms / 1000).toFixed(step >= 10_000 ? 0 : 1)} s`;
  if (step >= 1) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(2)} ms`;
}

function fitRange(index: TimelineIndex, layout: SpanLayout): [number, number] {
  if (index.lastSeq === 0) return [0, 1000];
  const t0 = index.get(1)!.ts;
  let t1 = index.get(index.lastSeq)!.ts;
  if (index.inFlightCount > 0) t1 = Math.max(t1, Date.now());
  void layout;
  const pad = Math.max((t1 - t0) * 0.02, 1);
  return [t0 - pad, t1 + pad];
}

const TICK_COLOR: Record<TickType, string> = {
  notification: "--teal",
  progress: "--panel",
  cancelled: "--danger",
  message: "--purple",
  stderr: "--warn",
  event: "--muted",
};

/**
 * Tab "Spans": a waterfall drawn on a canvas. Each request is a bar from its send to its
 * answer, concurrent requests in lanes, notifications as ticks. Only the lanes and time
 * window on screen are drawn, at most about one bar per pixel per lane.
 */
export function SpanView({ sessionId, index, version, startTs }: Props) {
  const layout = spanLayoutOf(index);
  layout.update();
  const scrollRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 600, height: 300 });
  const [scrollTop, setScrollTop] = useState(0);
  const [win, setWin] = useState<Window>({ fit: true });
  const [clock, setClock] = useState(0);
  const [hover, setHover] = useState<{ x: number; y: number; text: string }>();
  const selected = useTimelineStore((s) => s.selected[sessionId]);
  const select = useTimelineStore((s) => s.select);
  const drag = useRef<{ x: number; t0: number; t1: number; moved: boolean } | undefined>(undefined);

  const range = (): [number, number] => (win.fit ? fitRange(index, layout) : [win.t0, win.t1]);
  const [t0, t1] = range();
  const laneCount = layout.laneCount;

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    setSize({ width: el.clientWidth, height: el.clientHeight });
    return () => observer.disconnect();
  }, []);

  // Open spans grow with the clock while requests are in flight.
  const inFlight = index.inFlightCount > 0;
  useEffect(() => {
    if (!inFlight) return;
    const timer = setInterval(() => setClock((c) => c + 1), 250);
    return () => clearInterval(timer);
  }, [inFlight]);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    const { width, height } = size;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    }
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    const css = getComputedStyle(canvas);
    const color = (name: string) => css.getPropertyValue(name).trim() || "#888";
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const span = Math.max(t1 - t0, MIN_SPAN_MS);
    const msPerPx = span / Math.max(width, 1);
    const x = (t: number) => ((t - t0) / span) * width;
    const now = Date.now();

    // Lanes background and grid.
    const step = niceStep(msPerPx * 110);
    ctx.font = "11px ui-monospace, monospace";
    ctx.textBaseline = "middle";
    ctx.strokeStyle = color("--border");
    ctx.fillStyle = color("--muted");
    ctx.lineWidth = 1;
    const firstTick = Math.ceil((t0 - startTs) / step) * step + startTs;
    for (let t = firstTick; t <= t1; t += step) {
      const px = Math.round(x(t)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(px, AXIS_H - 4);
      ctx.lineTo(px, height);
      ctx.stroke();
      ctx.fillText(formatOffset(t - startTs, step), px + 3, AXIS_H / 2);
    }
    ctx.beginPath();
    ctx.moveTo(0, AXIS_H + 0.5);
    ctx.lineTo(width, AXIS_H + 0.5);
    ctx.moveTo(0, AXIS_H + STRIP_H + 0.5);
    ctx.lineTo(width, AXIS_H + STRIP_H + 0.5);
    ctx.stroke();

    // The strip: notifications, log messages, stderr, events.
    for (const tick of layout.visibleTicks(-1, t0, t1, msPerPx * 2)) {
      ctx.fillStyle = color(TICK_COLOR[tick.type]);
      ctx.fillRect(Math.round(x(tick.ts)), AXIS_H + 3, 2, STRIP_H - 6);
    }

    // Lanes on screen only.
    const top = AXIS_H + STRIP_H;
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, top + 1, width, height - top);
    ctx.clip();
    const firstLane = Math.max(0, Math.floor(scrollTop / LANE_H));
    const lastLane = Math.min(laneCount - 1, Math.floor((scrollTop + height - top) / LANE_H));
    const statusColor = { ok: color("--accent"), error: color("--danger"), cancelled: color("--warn"), open: color("--purple") };
    for (let lane = firstLane; lane <= lastLane; lane++) {
      const y = top + lane * LANE_H - scrollTop + (LANE_H - BAR_H) / 2;
      for (const s of layout.visibleSpans(lane, t0, t1, msPerPx)) {
        const x0 = Math.max(x(s.start), -2);
        const x1 = Math.min(x(s.end ?? now), width + 2);
        const w = Math.max(x1 - x0, 2);
        ctx.fillStyle = statusColor[s.status];
        ctx.globalAlpha = s.dir === "out" ? 1 : 0.65;
        ctx.fillRect(x0, y, w, BAR_H);
        ctx.globalAlpha = 1;
        if (selected !== undefined && (s.requestSeq === selected || s.endSeq === selected || s.legs?.includes(selected))) {
          ctx.strokeStyle = color("--text");
          ctx.lineWidth = 2;
          ctx.strokeRect(x0 + 1, y - 1, w - 2, BAR_H + 2);
          ctx.lineWidth = 1;
        }
        if (w > 48) {
          ctx.fillStyle = "#fff";
          const label = `${s.method}${s.end !== undefined ? ` ${formatMs(s.end - s.start)}` : ""}`;
          ctx.save();
          ctx.beginPath();
          ctx.rect(x0, y, w, BAR_H);
          ctx.clip();
          ctx.fillText(label, Math.max(x0, 0) + 4, y + BAR_H / 2 + 0.5);
          ctx.restore();
        }
      }
      for (const tick of layout.visibleTicks(lane, t0, t1, msPerPx * 2)) {
        ctx.fillStyle = color(TICK_COLOR[tick.type]);
        ctx.fillRect(Math.round(x(tick.ts)), y + 2, tick.type === "cancelled" ? 3 : 2, BAR_H - 4);
      }
    }
    ctx.restore();
  }, [version, t0, t1, size, scrollTop, laneCount, selected, clock, layout, startTs]);

  const setWindow = useCallback((a: number, b: number) => {
    if (b - a < MIN_SPAN_MS * 10) return;
    setWin({ fit: false, t0: a, t1: b });
  }, [setWin]);

  const zoom = useCallback(
    (factor: number, anchor = 0.5) => {
      const [a, b] = win.fit ? fitRange(index, layout) : [win.t0, win.t1];
      const at = a + (b - a) * anchor;
      setWindow(at - (at - a) * factor, at + (b - at) * factor);
    },
    [win, index, layout, setWindow],
  );

  const pan = useCallback(
    (fraction: number) => {
      const [a, b] = win.fit ? fitRange(index, layout) : [win.t0, win.t1];
      const d = (b - a) * fraction;
      setWindow(a + d, b + d);
    },
    [win, index, layout, setWindow],
  );

  // Ctrl/⌘ + wheel zooms around the pointer, horizontal wheel pans; plain wheel scrolls lanes.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const rect = el.getBoundingClientRect();
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        zoom(Math.exp(e.deltaY * 0.002), (e.clientX - rect.left) / rect.width);
      } else if (Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey) {
        e.preventDefault();
        pan(((e.shiftKey ? e.deltaY : e.deltaX) / rect.width) * 1);
      }
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [zoom, pan]);

  const hit = (clientX: number, clientY: number): { span?: Span; tickSeq?: number } => {
    const el = scrollRef.current!;
    const rect = el.getBoundingClientRect();
    const px = clientX - rect.left;
    const py = clientY - rect.top;
    const span = Math.max(t1 - t0, MIN_SPAN_MS);
    const msPerPx = span / size.width;
    const t = t0 + px * msPerPx;
    if (py >= AXIS_H && py < AXIS_H + STRIP_H) {
      const tick = layout.visibleTicks(-1, t - 3 * msPerPx, t + 3 * msPerPx)[0];
      return { tickSeq: tick?.seq };
    }
    if (py < AXIS_H + STRIP_H) return {};
    const lane = Math.floor((py - AXIS_H - STRIP_H + scrollTop) / LANE_H);
    return { span: layout.spanAt(lane, t, 2 * msPerPx) };
  };

  const describe = (s: Span): string => {
    const id = index.get(s.requestSeq)?.id;
    const dur = s.end !== undefined ? formatMs(s.end - s.start) : "in flight";
    const progress = (s.legs ?? [s.requestSeq]).reduce((n, seq) => n + index.progressCount(seq), 0);
    const rounds = describeRounds(s.rounds);
    const legs = s.legs ? ` · ${s.legs.length} requests${rounds ? ` (${rounds})` : ""}` : "";
    // Open, and its newest leg answered: an input_required answer waits for the retry.
    const waiting = s.status === "open" && index.responseSeqOf(s.legs?.at(-1) ?? s.requestSeq) !== undefined;
    return `${s.method}${id !== undefined ? ` #${String(id)}` : ""}${legs} · ${s.status === "open" ? (waiting ? "in flight, waiting for input" : "in flight") : s.status} · ${dur}${progress ? ` · ${progress} progress` : ""}`;
  };
  // The selected frame's span, in words (the canvas alone says nothing to a screen reader).
  const selectedSpan = selected === undefined ? undefined : spanOfFrame(layout, index, selected);

  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, t0, t1, moved: false };
    (e.target as Element).setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (d) {
      const dx = e.clientX - d.x;
      if (Math.abs(dx) > 3) d.moved = true;
      if (d.moved) {
        const shift = (-dx / size.width) * (d.t1 - d.t0);
        setWindow(d.t0 + shift, d.t1 + shift);
      }
      return;
    }
    const { span, tickSeq } = hit(e.clientX, e.clientY);
    const rect = scrollRef.current!.getBoundingClientRect();
    const text = span ? describe(span) : tickSeq !== undefined ? `#${tickSeq} ${index.get(tickSeq)?.method ?? index.get(tickSeq)?.kind ?? ""}` : undefined;
    setHover(text ? { x: e.clientX - rect.left, y: e.clientY - rect.top, text } : undefined);
  };
  const onPointerUp = (e: PointerEvent) => {
    const d = drag.current;
    drag.current = undefined;
    if (d?.moved) return;
    const { span, tickSeq } = hit(e.clientX, e.clientY);
    if (span) select(sessionId, span.requestSeq, true);
    else if (tickSeq !== undefined) select(sessionId, tickSeq, true);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "+" || e.key === "=") zoom(0.5);
    else if (e.key === "-") zoom(2);
    else if (e.key === "ArrowLeft") pan(-0.2);
    else if (e.key === "ArrowRight") pan(0.2);
    else if (e.key === "0") setWin({ fit: true });
    else return;
    e.preventDefault();
  };

  const shown = `${formatMs(Math.max(0, t0 - startTs))} – ${formatMs(Math.max(0, t1 - startTs))}`;
  const spanCount = layout.spans.length;

  return (
    <div className="span-view">
      <div className="span-toolbar" role="toolbar" aria-label="Span view controls">
        <button type="button" className="small" onClick={() => zoom(0.5)} aria-label="Zoom in">
          + Zoom in
        </button>
        <button type="button" className="small" onClick={() => zoom(2)} aria-label="Zoom out">
          - Zoom out
        </button>
        <button type="button" className="small" aria-pressed={win.fit} onClick={() => setWin({ fit: true })} aria-label="Fit">
          Fit
        </button>
        <span className="muted small" aria-live="off">
          {shown} · {spanCount.toLocaleString()} request{spanCount === 1 ? "" : "s"} in {laneCount} lane{laneCount === 1 ? "" : "s"}
        </span>
        <span className="spacer" />
        <span className="span-legend small" aria-hidden="true">
          <i className="lg-ok" /> ok <i className="lg-error" /> error <i className="lg-cancelled" /> cancelled <i className="lg-open" /> in flight
        </span>
      </div>
      {selectedSpan && (
        <p className="small span-selected" role="status" aria-label="Selected span">
          Selected: {describe(selectedSpan)}
        </p>
      )}
      <div
        ref={scrollRef}
        className="span-scroll"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setHover(undefined)}
      >
        <canvas
          ref={canvasRef}
          className="span-canvas"
          role="img"
          tabIndex={0}
          onKeyDown={onKeyDown}
          aria-label={`Span waterfall: ${spanCount} requests in ${laneCount} lanes, showing ${shown}. Plus and minus zoom, arrows pan, 0 fits; click a bar to select its request.`}
          style={{ width: size.width, height: size.height }}
        />
        <div style={{ height: Math.max(0, AXIS_H + STRIP_H + laneCount * LANE_H - size.height) }} aria-hidden="true" />
        {hover && (
          <div className="span-tooltip" style={{ left: Math.min(hover.x + 12, size.width - 220), top: hover.y + scrollTop + 14 }}>
            {hover.text}
          </div>
        )}
        {spanCount === 0 && <p className="muted small pad span-empty">No requests yet.</p>}
      </div>
    </div>
  );
}

/** The span a frame belongs to: a request's (any leg's), or the one its answer ended. */
function spanOfFrame(layout: SpanLayout, index: TimelineIndex, seq: number): Span | undefined {
  const frame = index.get(seq);
  if (!frame) return undefined;
  const requestSeq = index.requestSeqOf(frame);
  return requestSeq === undefined ? undefined : layout.spanOfRequest(requestSeq);
}
