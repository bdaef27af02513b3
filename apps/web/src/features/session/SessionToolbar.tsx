import { useId } from "react";
import { useMutation } from "@tanstack/react-query";
import type { SessionInfo } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { restClient } from "../../api/restClient";
import { removedBecause } from "../../lib/eraFeatures";
import { formatMs } from "../../lib/format";
import { targetEntryJson } from "../../lib/serverEntry";
import { targetLabel } from "../../lib/targetLabel";
import { CompareButton } from "../diff/CompareButton";
import { ExportLinks } from "../recordings/ExportLinks";
import { StartFromTarget } from "../recordings/StartFromTarget";
import { useReadOnly } from "../sharing/useReadOnly";
import { useCopied } from "../servers/useCopied";
import { isLive, reconnectVerb, useSessionActions } from "./useSessionActions";

/** The current session's actions: Ping (round trip), Restart/Reconnect, Copy server entry, Disconnect. */
export function SessionToolbar({ session }: { session: SessionInfo }) {
  const { close, reconnect } = useSessionActions();
  const copied = useCopied();
  const ping = useMutation({ mutationFn: () => restClient.ping(session.id) });
  const verb = reconnectVerb(session);
  // 2026-07-28 removed ping: the button stays, disabled and saying why (focusable, so keyboards reach the why).
  const pingRemoved = removedBecause(session, "ping");
  const pingWhy = useId();
  // Viewers write nothing; a recording's Restart would start the command an imported file names.
  const readOnly = useReadOnly(session.id);
  const failed = [close, reconnect, ping].find((m) => m.isError);
  const error = failed ? describeError(failed.error) : undefined;
  const pingText = ping.isPending
    ? "Pinging…"
    : ping.data?.error
      ? `Ping failed: ${ping.data.error}`
      : ping.data
        ? `Ping ${formatMs(ping.data.durationMs)}`
        : "";

  return (
    <div className="header-actions session-toolbar">
      {error && (
        <span role="alert" className="session-error">
          {error.message}
          {error.hint ? ` ${error.hint}` : ""}
        </span>
      )}
      <span role="status" className="ping-result">
        {pingText}
      </span>
      {session.status === "ready" && !readOnly && (
        <button
          type="button"
          className="small"
          onClick={() => !pingRemoved && ping.mutate()}
          disabled={ping.isPending}
          aria-disabled={pingRemoved ? true : undefined}
          aria-describedby={pingRemoved ? pingWhy : undefined}
          title={pingRemoved}
        >
          Ping
        </button>
      )}
      {pingRemoved && session.status === "ready" && !readOnly && (
        <span id={pingWhy} className="sr-only">
          {pingRemoved}
        </span>
      )}
      {!readOnly && (
        <button
          type="button"
          className="small"
          onClick={() => reconnect.mutate(session.id)}
          disabled={reconnect.isPending || session.status === "connecting"}
        >
          {reconnect.isPending ? `${verb}ing…` : verb}
        </button>
      )}
      {/* A recording's target runs only after the person has seen it and confirmed. */}
      {readOnly?.kind === "recording" && <StartFromTarget session={session} />}
      <ExportLinks session={session} />
      <CompareButton session={session} />
      <button
        type="button"
        className="small"
        onClick={() => void copied.copy(targetEntryJson(session.target.name ?? targetLabel(session), session.target))}
      >
        {copied.copied ? "Copied" : "Copy server entry"}
      </button>
      <span role="status" className="sr-only">
        {copied.copied ? "Copied" : (copied.error ?? "")}
      </span>
      {isLive(session) && !readOnly && (
        <button type="button" className="small" onClick={() => close.mutate(session.id)} disabled={close.isPending}>
          Disconnect
        </button>
      )}
    </div>
  );
}
