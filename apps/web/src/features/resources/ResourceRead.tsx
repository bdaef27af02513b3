import type { SessionInfo } from "@mcpscope/protocol";
import { useQuery } from "@tanstack/react-query";
import { describeError } from "../../api/apiRequestError";
import { mcpRequest } from "../sidebar/mcpRequest";
import { ResourceContents } from "./ResourceContents";
import type { ResourceContent } from "./resourceTypes";
import { SubscribeButton } from "./SubscribeButton";
import { WatchButton } from "./WatchButton";
import { useSubscription } from "./useSubscription";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SaveToCollection } from "../collections/SaveToCollection";

interface Props {
  sessionId: string;
  uri: string;
  canSubscribe: boolean;
  ready: boolean;
  /** A 2026-07-28 session (no `resources/subscribe`): Watch through its listen stream instead. */
  modern?: SessionInfo;
}

/**
 * Region "Resource contents": `resources/read` of one URI (react-query `['resourceRead',
 * sessionId, uri]`), with Subscribe (on a 2026-07-28 session: Watch, through its
 * `subscriptions/listen` stream) and, once the server reported the resource updated, an
 * "updated" mark and "Re-read".
 */
export function ResourceRead({ sessionId, uri, canSubscribe, ready, modern }: Props) {
  const read = useQuery({
    queryKey: ["resourceRead", sessionId, uri],
    queryFn: () => mcpRequest<{ contents?: ResourceContent[] }>(sessionId, "resources/read", { uri }),
    enabled: ready,
    staleTime: Infinity,
    retry: false,
  });
  const { updated, clearUpdated } = useSubscription(sessionId, uri);
  const error = read.isError ? describeError(read.error) : undefined;
  const reread = () => {
    clearUpdated();
    void read.refetch();
  };

  return (
    <section aria-label="Resource contents" className="pane result-pane">
      <div className="pane-head">
        <h2 className="pane-title">Contents</h2>
        {updated && <span className="badge updated">updated</span>}
        <span className="spacer" />
        {canSubscribe && ready && !modern && <SubscribeButton sessionId={sessionId} uri={uri} label={uri} />}
        {canSubscribe && ready && modern && !modern.recorded && <WatchButton session={modern} uri={uri} label={uri} />}
        <button type="button" className="ghost small" onClick={reread} disabled={!ready || read.isFetching}>
          {read.isFetching ? "Reading…" : "Re-read"}
        </button>
        {read.data && <SaveToCollection source={{ method: "resources/read", params: { uri }, answer: { result: read.data }, suggestedName: uri }} />}
      </div>
      {updated && (
        <p role="status" className="resource-updated small">
          The server reported this resource updated (notifications/resources/updated). Re-read it to see the new contents.
        </p>
      )}
      <ErrorAlert error={error} />
      {read.isPending && ready && <p className="muted small pad">Reading {uri}…</p>}
      {read.data && (
        <div className="result">
          <p className="muted small">Read at {new Date(read.dataUpdatedAt).toLocaleTimeString()}</p>
          <ResourceContents contents={Array.isArray(read.data.contents) ? read.data.contents : []} />
        </div>
      )}
    </section>
  );
}
