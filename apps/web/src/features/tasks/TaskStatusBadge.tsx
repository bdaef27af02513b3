/** A task's status as a badge whose text (and `data-status`) is the status (`working`, `completed`, …). */
export function TaskStatusBadge({ status }: { status: string }) {
  return <span className={`badge task-status task-${status.replace(/[^a-z_]/g, "")}`} data-status={status}>{status}</span>;
}
