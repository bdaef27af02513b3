import { Fragment, useEffect, useMemo, useState } from "react";
import type { TimelineIndex } from "@mcpscope/timeline";
import { formatMs } from "../../lib/format";
import { methodStatsOf } from "./derived";

const REFRESH_MS = 500;

/** Tab "Summary": a table of methods with counts, p50/p95 latency, errors and cancellations. */
export function SummaryView({ index, version }: { index: TimelineIndex; version: number }) {
  // Percentiles sort latencies: refresh at most twice a second while frames stream in.
  const [shown, setShown] = useState(version);
  useEffect(() => {
    if (shown === version) return;
    const timer = setTimeout(() => setShown(version), REFRESH_MS);
    return () => clearTimeout(timer);
  }, [version, shown]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the index grows in place: `shown` (its throttled version) is the dependency
  const rows = useMemo(() => methodStatsOf(index).summaries(), [index, shown]);

  if (rows.length === 0) return <p className="muted small pad">No JSON-RPC messages yet.</p>;
  return (
    <div className="summary-scroll">
      <table className="summary-table" aria-label="Per-method summary">
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col">Type</th>
            <th scope="col" className="num">Count</th>
            <th scope="col" className="num">p50</th>
            <th scope="col" className="num">p95</th>
            <th scope="col" className="num">Max</th>
            <th scope="col" className="num">Errors</th>
            <th scope="col" className="num">Cancelled</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.type}|${r.method}`}>
              <th scope="row">
                {/* Narrow columns wrap a method after its slashes, not mid-word. */}
                <code>
                  {r.method.split("/").map((part, i) => (
                    <Fragment key={i}>
                      {i > 0 && (
                        <>
                          /<wbr />
                        </>
                      )}
                      {part}
                    </Fragment>
                  ))}
                </code>
              </th>
              <td className="muted">{r.type}</td>
              <td className="num">{r.count.toLocaleString()}</td>
              <td className="num">{formatMs(r.p50)}</td>
              <td className="num">{formatMs(r.p95)}</td>
              <td className="num">{formatMs(r.max)}</td>
              <td className={`num${r.errors ? " has-errors" : ""}`}>{r.type === "request" ? r.errors.toLocaleString() : ""}</td>
              <td className="num">{r.type === "request" ? r.cancelled.toLocaleString() : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
