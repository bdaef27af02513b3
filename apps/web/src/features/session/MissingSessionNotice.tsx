import { useSessionsStore } from "../../stores/sessionsStore";

/**
 * Says so when a link named a session this mcpscope does not have (deleted, pruned, or from
 * another mcpscope): the page shows another session instead.
 */
export function MissingSessionNotice() {
  const missingId = useSessionsStore((s) => s.missingId);
  const dismiss = useSessionsStore((s) => s.dismissMissing);
  if (missingId === undefined) return null;
  return (
    <div role="alert" className="alert banner-missing">
      <span>
        <strong>No session “{missingId}” here.</strong> The link names a session this mcpscope does not have: it was deleted, or the
        link comes from another mcpscope. Showing the newest session instead.
      </span>
      <button type="button" className="small" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
