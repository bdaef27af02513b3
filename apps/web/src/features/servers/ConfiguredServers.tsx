import { useEffect, useRef } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import type { ConfiguredServer } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { restClient } from "../../api/restClient";
import { openAuthorizationPage } from "../oauth/openAuthorizationPage";
import { serverEntryJson } from "../../lib/serverEntry";
import { addSession } from "../../api/sessionsSync";
import { useSessionsStore } from "../../stores/sessionsStore";
import { useWorkbenchStore } from "../../stores/workbenchStore";
import { ConnectFailure } from "../connect/ConnectFailure";
import { useCopied } from "./useCopied";

/**
 * Region "Configured servers": the servers of `mcpscope --config`, each with Connect and Copy
 * entry. A link's `server=<name>` highlights one (and scrolls it into view); it never connects:
 * only the Connect button does.
 */
export function ConfiguredServers() {
  const servers = useQuery({ queryKey: ["servers"], queryFn: restClient.listServers, staleTime: Infinity });
  const highlighted = useWorkbenchStore((s) => s.server);
  if (!servers.data || servers.data.length === 0) return null;
  return (
    <section aria-label="Configured servers" className="pane servers-pane">
      <div className="pane-head">
        <h2 className="pane-title">Configured servers</h2>
        <span className="count">{servers.data.length}</span>
      </div>
      <ul className="server-list">
        {servers.data.map((server) => (
          <ServerItem key={server.name} server={server} highlighted={server.name === highlighted} />
        ))}
      </ul>
    </section>
  );
}

function entrySummary(server: ConfiguredServer): string {
  const { entry } = server;
  if (entry.command) return [entry.command, ...(entry.args ?? [])].join(" ");
  return `${entry.type ?? "auto"} ${entry.url ?? ""}`;
}

function ServerItem({ server, highlighted }: { server: ConfiguredServer; highlighted: boolean }) {
  const copied = useCopied();
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (highlighted) ref.current?.scrollIntoView({ block: "nearest" });
  }, [highlighted]);
  const connect = useMutation({
    mutationFn: () => restClient.connectServer(server.name),
    onSuccess: (session) => {
      addSession(session);
      useSessionsStore.getState().select(session.id);
      if (session.auth?.status === "required" && session.auth.authorizationUrl) openAuthorizationPage(session.auth.authorizationUrl);
    },
  });
  const error = connect.isError ? describeError(connect.error) : undefined;

  return (
    <li ref={ref} className={`server-item${highlighted ? " highlighted" : ""}`} aria-current={highlighted ? "true" : undefined}>
      <div className="server-head">
        <span className="server-title">{server.name}</span>
        <span className="server-summary" title={entrySummary(server)}>
          {entrySummary(server)}
        </span>
      </div>
      <div className="session-actions">
        <button
          type="button"
          className="small primary"
          aria-label={`Connect ${server.name}`}
          onClick={() => connect.mutate()}
          disabled={connect.isPending}
        >
          {connect.isPending ? "Connecting…" : "Connect"}
        </button>
        <button
          type="button"
          className="ghost small"
          aria-label={`Copy entry ${server.name}`}
          onClick={() => void copied.copy(serverEntryJson(server.name, server.entry))}
        >
          {copied.copied ? "Copied" : "Copy entry"}
        </button>
        <span role="status" className="sr-only">
          {copied.copied ? "Copied" : (copied.error ?? "")}
        </span>
      </div>
      {error && <ConnectFailure error={error} />}
    </li>
  );
}
