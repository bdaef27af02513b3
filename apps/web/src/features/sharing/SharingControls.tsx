import { useState } from "react";
import { useMe } from "./useMe";
import { useSessionsStore } from "../../stores/sessionsStore";
import { useSession } from "../../api/sessionsCache";
import { useWorkbenchStore } from "../../stores/workbenchStore";
import { useFollowPresenter } from "./useFollowPresenter";
import { useListedToolsRefresh } from "./useListedToolsRefresh";
import { usePresencePublisher } from "./usePresencePublisher";
import { ShareDialog } from "./ShareDialog";
import "./sharing.css";

/**
 * Header controls of live sharing. The presenter gets "Share" (a viewer link) and publishes
 * its focus; a viewer gets a "Viewer" marker and the "Follow presenter" switch (on by default).
 */
export function SharingControls() {
  const me = useMe();
  // In the workbench store: the command palette's "Share this mcpscope…" opens it too.
  const sharing = useWorkbenchStore((s) => s.shareOpen);
  const setSharing = useWorkbenchStore((s) => s.setShareOpen);
  const [follow, setFollow] = useState(true);
  usePresencePublisher(me?.role === "presenter");
  useFollowPresenter(me?.role === "viewer" && follow);
  const selectedId = useSessionsStore((s) => s.selectedId);
  const tapped = useSession(selectedId)?.tap !== undefined;
  useListedToolsRefresh(selectedId, me?.role === "viewer" || tapped);
  if (!me) return null;

  if (me.role === "viewer") {
    return (
      <div className="sharing-controls">
        <span className="badge viewer" title="Opened through a read-only viewer link">
          Viewer
        </span>
        <label className="checkbox-label follow-toggle">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          Follow presenter
        </label>
      </div>
    );
  }
  return (
    <div className="sharing-controls">
      <button type="button" className="small" onClick={() => setSharing(true)} aria-haspopup="dialog">
        Share
      </button>
      {sharing && <ShareDialog onClose={() => setSharing(false)} />}
    </div>
  );
}
