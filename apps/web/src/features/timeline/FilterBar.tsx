import { useEffect, useState } from "react";
import type { FrameDir, FrameKind } from "@mcpscope/protocol";
import { isEmptyFilter, type FrameFilter } from "@mcpscope/timeline";
import { useTimelineStore } from "../../stores/timelineStore";

const KINDS: FrameKind[] = ["request", "response", "error", "notification", "invalid", "stderr", "lifecycle", "http"];
const DIRS: { value: FrameDir; label: string }[] = [
  { value: "out", label: "→ out" },
  { value: "in", label: "← in" },
  { value: "meta", label: "• meta" },
  { value: "app", label: "⇠ app → host" },
  { value: "host", label: "⇢ host → app" },
];

interface Props {
  /** Matches found so far, and how much of the session was scanned (0…1). */
  matches?: number;
  scanned?: number;
}

/** Form "Filter frames": direction, kind, method, JSON-RPC id and free text over `raw`. */
export function FilterBar({ matches, scanned }: Props) {
  const filter = useTimelineStore((s) => s.filter);
  const setFilter = useTimelineStore((s) => s.setFilter);
  const [text, setText] = useState(filter.text ?? "");
  const [method, setMethod] = useState(filter.method ?? "");
  const [id, setId] = useState(filter.id ?? "");
  // The filter can change from elsewhere (back/forward, a link, the command palette): the
  // fields show it. Typing reaches the store only after the pause below, so this never
  // overwrites what is being typed.
  const [shown, setShown] = useState(filter);
  if (shown !== filter) {
    setShown(filter);
    if ((filter.text ?? "") !== text) setText(filter.text ?? "");
    if ((filter.method ?? "") !== method) setMethod(filter.method ?? "");
    if ((filter.id ?? "") !== id) setId(filter.id ?? "");
  }

  // Typing re-filters after a pause, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => {
      const current = useTimelineStore.getState().filter;
      if ((current.text ?? "") !== text || (current.method ?? "") !== method || (current.id ?? "") !== id) {
        setFilter({ ...current, text: text || undefined, method: method || undefined, id: id || undefined });
      }
    }, 200);
    return () => clearTimeout(timer);
  }, [text, method, id, setFilter]);

  const dir = filter.dirs?.[0] ?? "";
  const kind = filter.kinds?.[0] ?? "";
  const active = !isEmptyFilter(filter);
  const update = (patch: Partial<FrameFilter>) => setFilter({ ...filter, ...patch });

  return (
    <form role="search" aria-label="Filter frames" className="filter-bar" onSubmit={(e) => e.preventDefault()}>
      <label>
        <span>Direction</span>
        <select value={dir} onChange={(e) => update({ dirs: e.target.value ? [e.target.value as FrameDir] : undefined })}>
          <option value="">all</option>
          {DIRS.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Kind</span>
        <select value={kind} onChange={(e) => update({ kinds: e.target.value ? [e.target.value as FrameKind] : undefined })}>
          <option value="">all</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Method</span>
        <input type="search" value={method} placeholder="tools/call" size={11} onChange={(e) => setMethod(e.target.value)} />
      </label>
      <label>
        <span>ID</span>
        <input type="search" value={id} placeholder="7" size={4} onChange={(e) => setId(e.target.value)} />
      </label>
      <label className="grow">
        <span>Text</span>
        <input type="search" value={text} placeholder="search raw text" onChange={(e) => setText(e.target.value)} />
      </label>
      {active && (
        <>
          <span className="muted small filter-status" role="status">
            {matches?.toLocaleString() ?? 0} match{matches === 1 ? "" : "es"}
            {scanned !== undefined && scanned < 1 ? ` · filtering ${Math.floor(scanned * 100)}%` : ""}
          </span>
          <button
            type="button"
            className="small ghost"
            onClick={() => {
              setText("");
              setMethod("");
              setId("");
              setFilter({});
            }}
          >
            Clear filters
          </button>
        </>
      )}
    </form>
  );
}
