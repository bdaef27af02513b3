import type { ItemRun } from "@mcpscope/protocol/types";

/** An item's verdict as a badge: "pass", "fail" or "running", also in `data-status`. */
export function VerdictBadge({ status }: { status: ItemRun["status"] | "running" }) {
  const cls = status === "pass" ? "badge-ok" : status === "fail" ? "badge-tool-error" : "status-connecting";
  return (
    <span className={`badge verdict ${cls}`} data-status={status}>
      {status}
    </span>
  );
}
