interface Props {
  taskId: string;
  /** The tool the task runs, when known. */
  label?: string;
  status: string;
  statusMessage?: string;
  /** ISO 8601 timestamps, as the server sent them. */
  createdAt?: string;
  lastUpdatedAt?: string;
  /** Milliseconds the server keeps the task (`null`: unlimited). */
  ttlMs?: number | null;
}

/**
 * A task's facts as a description list (MCP 2025-11-25 "Tasks" and the 2026-07-28
 * `io.modelcontextprotocol/tasks` extension): id, tool, status (role "status", named
 * "Task status"), message, times and TTL, each shown only when the server sent it.
 */
export function TaskFacts({ taskId, label, status, statusMessage, createdAt, lastUpdatedAt, ttlMs }: Props) {
  return (
    <dl className="task-facts">
      <dt>Task ID</dt>
      <dd>
        <code>{taskId}</code>
      </dd>
      {label && (
        <>
          <dt>Tool</dt>
          <dd>
            <code>{label}</code>
          </dd>
        </>
      )}
      <dt>Status</dt>
      <dd role="status" aria-label="Task status">
        {status}
      </dd>
      {statusMessage && (
        <>
          <dt>Message</dt>
          <dd>{statusMessage}</dd>
        </>
      )}
      {createdAt && (
        <>
          <dt>Created</dt>
          <dd>{new Date(createdAt).toLocaleString()}</dd>
        </>
      )}
      {lastUpdatedAt && (
        <>
          <dt>Updated</dt>
          <dd>{new Date(lastUpdatedAt).toLocaleString()}</dd>
        </>
      )}
      {ttlMs !== undefined && (
        <>
          <dt>TTL</dt>
          <dd>{ttlMs === null ? "unlimited" : `${ttlMs.toLocaleString("en")} ms`}</dd>
        </>
      )}
    </dl>
  );
}
