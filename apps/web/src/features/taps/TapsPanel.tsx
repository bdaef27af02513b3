import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateTapBody, Tap } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { restClient } from "../../api/restClient";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useCopied } from "../servers/useCopied";
import "./taps.css";

/** A tap's upstream in a few words. */
function upstreamSummary(tap: Tap): string {
  const up = tap.upstream;
  return up.transport === "stdio" ? [up.command, ...up.args].join(" ") : up.url;
}

/**
 * Region "Taps": HTTP facades that let a real MCP client (Cursor, Claude, an agent) talk to a
 * server through mcpscope, which records each client session as a tapped session. Lists
 * each tap with the URL to give the client (its own token inside) and creates one for a
 * configured server or a URL. Stdio servers are tapped from the client's config with
 * `mcpscope tap`.
 */
export function TapsPanel() {
  const taps = useQuery({ queryKey: ["taps"], queryFn: restClient.listTaps, refetchInterval: 5000 });
  const [adding, setAdding] = useState(false);
  const count = taps.data?.length ?? 0;
  return (
    <section aria-label="Taps" className="pane taps-pane">
      <div className="pane-head">
        <h2 className="pane-title">Taps</h2>
        <span className="count">{count}</span>
        <span className="spacer" />
        <button type="button" className="ghost small" aria-expanded={adding} onClick={() => setAdding(!adding)}>
          {adding ? "Cancel" : "New tap"}
        </button>
      </div>
      {adding && <NewTapForm onCreated={() => setAdding(false)} />}
      {count === 0 && !adding && (
        <p className="muted small pad">
          Watch a real client: a tap is a URL to give it instead of the server&apos;s. For a stdio server, put{" "}
          <code>mcpscope tap -- &lt;command&gt;</code> in the client&apos;s config (<code>mcpscope tap --print-config &lt;name&gt; -- &lt;command&gt;</code> prints
          the entry).
        </p>
      )}
      <ErrorAlert error={taps.isError ? describeError(taps.error) : undefined} />
      {count > 0 && (
        <ul className="tap-list">
          {taps.data!.map((tap) => (
            <TapItem key={tap.name} tap={tap} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TapItem({ tap }: { tap: Tap }) {
  const copied = useCopied();
  const queryClient = useQueryClient();
  const remove = useMutation({ mutationFn: () => restClient.deleteTap(tap.name), onSuccess: () => queryClient.invalidateQueries({ queryKey: ["taps"] }) });
  return (
    <li className="tap-item">
      <div className="server-head">
        <span className="server-title">{tap.name}</span>
        <span className="server-summary" title={upstreamSummary(tap)}>
          → {upstreamSummary(tap)}
        </span>
      </div>
      <label className="tap-url">
        <span className="sr-only">URL of tap {tap.name}</span>
        <input type="text" readOnly value={tap.url} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div className="session-actions">
        <button type="button" className="small" aria-label={`Copy URL of tap ${tap.name}`} onClick={() => void copied.copy(tap.url)}>
          {copied.copied ? "Copied" : "Copy URL"}
        </button>
        <span className="muted small">
          {tap.sessionIds.length} session{tap.sessionIds.length === 1 ? "" : "s"}
        </span>
        <span className="spacer" />
        <button type="button" className="ghost small danger" aria-label={`Delete tap ${tap.name}`} onClick={() => remove.mutate()} disabled={remove.isPending}>
          Delete
        </button>
        <span role="status" className="sr-only">
          {copied.copied ? "Copied" : (copied.error ?? "")}
        </span>
      </div>
      <ErrorAlert error={remove.isError ? describeError(remove.error) : undefined} />
    </li>
  );
}

function NewTapForm({ onCreated }: { onCreated: () => void }) {
  const servers = useQuery({ queryKey: ["servers"], queryFn: restClient.listServers, staleTime: Infinity });
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [source, setSource] = useState("url");
  const [url, setUrl] = useState("");
  const [transport, setTransport] = useState<"auto" | "streamable-http" | "sse">("auto");
  const create = useMutation({
    mutationFn: (body: CreateTapBody) => restClient.createTap(body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["taps"] });
      onCreated();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tapName = name.trim() || (source === "url" ? "remote" : source);
    create.mutate(source === "url" ? { name: tapName, target: { transport, url: url.trim(), headers: {}, revealSecrets: false } } : { name: tapName, server: source });
  };
  return (
    <form aria-label="New tap" className="tap-form pad" onSubmit={submit}>
      <label>
        Name
        <input type="text" value={name} placeholder="e.g. github" onChange={(e) => setName(e.target.value)} pattern="[A-Za-z0-9._\-]{1,64}" />
      </label>
      <label>
        Server
        <select value={source} onChange={(e) => setSource(e.target.value)}>
          <option value="url">A URL…</option>
          {(servers.data ?? []).map((s) => (
            <option key={s.name} value={s.name}>
              {s.name} (configured)
            </option>
          ))}
        </select>
      </label>
      {source === "url" && (
        <>
          <label>
            Server URL
            <input type="url" required value={url} placeholder="http://localhost:3001/mcp" onChange={(e) => setUrl(e.target.value)} />
          </label>
          <label>
            Tap transport
            <select value={transport} onChange={(e) => setTransport(e.target.value as typeof transport)}>
              <option value="auto">Either (Streamable HTTP at …/mcp, HTTP+SSE at …/sse)</option>
              <option value="streamable-http">Streamable HTTP</option>
              <option value="sse">HTTP+SSE (legacy)</option>
            </select>
          </label>
        </>
      )}
      <button type="submit" className="primary small" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create tap"}
      </button>
      <ErrorAlert error={create.isError ? describeError(create.error) : undefined} />
    </form>
  );
}
