import { useId } from "react";
import { useMutation } from "@tanstack/react-query";
import type { SessionInfo } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { requestControl } from "../../api/requestControl";
import { ErrorAlert } from "../../components/ErrorAlert";
import { removedBecause } from "../../lib/eraFeatures";
import { toggledFilter, watchedUris } from "../sidebar/listenFilter";

/**
 * "Watch" / "Stop watching" for one resource of a 2026-07-28 session, which has no
 * `resources/subscribe`: adds the URI to (or drops it from) the `resourceSubscriptions` of the
 * session's `subscriptions/listen` stream, which mcpscope reopens with the new filter (MCP
 * 2026-07-28 "Subscriptions"). Its description says why it is not Subscribe.
 */
export function WatchButton({ session, uri, label }: { session: SessionInfo; uri: string; label: string }) {
  const watched = watchedUris(session).includes(uri);
  const whyId = useId();
  const toggle = useMutation({ mutationFn: () => requestControl.listen(session.id, toggledFilter(session, uri, !watched)) });
  const failed = toggle.data?.status === "failed" ? { message: `The server refused the new subscriptions/listen filter: ${toggle.data.error ?? "no reason given"}` } : undefined;
  return (
    <>
      <button
        type="button"
        className="ghost small"
        aria-label={`${watched ? "Stop watching" : "Watch"} ${label}`}
        aria-describedby={whyId}
        title={removedBecause(session, "resources/subscribe")}
        disabled={toggle.isPending}
        onClick={() => toggle.mutate()}
      >
        {watched ? "Stop watching" : "Watch"}
      </button>
      <span id={whyId} className="sr-only">
        {removedBecause(session, "resources/subscribe")}
      </span>
      <ErrorAlert error={toggle.isError ? describeError(toggle.error) : failed} />
    </>
  );
}
