import { useEffect, useRef } from "react";
import { useMutation } from "@tanstack/react-query";
import type { SessionInfo } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { requestControl } from "../../api/requestControl";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useReadOnly } from "../sharing/useReadOnly";
import { describeFilter, isEmptyFilter, listenFilter } from "./listenFilter";

/**
 * Opens a ready 2026-07-28 session's `subscriptions/listen` stream once, when it has none:
 * on that revision change notifications come only on a stream the client opens (MCP
 * 2026-07-28 "Subscriptions"), where a handshake-era server sends them unsolicited. A stream
 * that closed or failed is opened again by hand ("Listen again"), never in a loop.
 */
export function useListenStream(session: SessionInfo | undefined): void {
  const readOnly = useReadOnly(session?.id) !== undefined;
  const wanted = session?.era === "modern" && session.status === "ready" && !session.recorded && !readOnly && session.subscription === undefined;
  const sessionId = session?.id;
  const capabilities = session?.capabilities;
  const asked = useRef(new Set<string>());
  useEffect(() => {
    if (!wanted || !sessionId || asked.current.has(sessionId)) return;
    const filter = listenFilter(capabilities, []);
    if (isEmptyFilter(filter)) return;
    asked.current.add(sessionId);
    void requestControl.listen(sessionId, filter).catch(() => undefined);
  }, [wanted, sessionId, capabilities]);
}

/**
 * Status "Change notifications" of a 2026-07-28 session: what its `subscriptions/listen`
 * stream asks for and whether it is open, with "Listen again" once it closed or failed.
 */
export function ListenStatus({ session }: { session: SessionInfo }) {
  const readOnly = useReadOnly(session.id) !== undefined;
  const again = useMutation({ mutationFn: () => requestControl.listen(session.id, listenFilter(session.capabilities, session.subscription?.filter.resourceSubscriptions ?? [])) });
  const sub = session.subscription;
  if (session.era !== "modern") return null;
  const asked = sub ? describeFilter(sub.honoredFilter ?? sub.filter) : undefined;
  const text = !sub
    ? "no subscriptions/listen stream is open"
    : sub.status === "open"
      ? `subscriptions/listen open: ${asked}`
      : sub.status === "opening"
        ? "opening subscriptions/listen…"
        : sub.status === "closed"
          ? `subscriptions/listen closed (${sub.closedBy === "remote" ? "the stream dropped" : sub.closedBy === "graceful" ? "the server ended it" : "closed by mcpscope"})`
          : `subscriptions/listen failed: ${sub.error ?? "unknown error"}`;
  const canAgain = !readOnly && session.status === "ready" && (sub?.status === "closed" || sub?.status === "failed");
  return (
    <div className="listen-status small">
      <span role="status" aria-label="Change notifications" className={sub?.status === "open" ? "muted" : "listen-off"}>
        {text}
      </span>
      {canAgain && (
        <button type="button" className="ghost small" onClick={() => again.mutate()} disabled={again.isPending}>
          Listen again
        </button>
      )}
      <ErrorAlert error={again.isError ? describeError(again.error) : undefined} />
    </div>
  );
}
