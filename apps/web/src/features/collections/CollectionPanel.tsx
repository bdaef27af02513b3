import { useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Assertion, CollectionItem, ItemRun, SessionInfo } from "@mcpscope/protocol/types";
import { describeError } from "../../api/apiRequestError";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatMs } from "../../lib/format";
import { useSessionSidebar } from "../../stores/sidebarStore";
import { collectionsApi } from "./collectionsApi";
import { runsKey, useCollectionRuns, useCollectionRunsStore } from "./collectionRunsStore";
import { VerdictBadge } from "./VerdictBadge";
import "./collections.css";

/** An assertion in words, as the item lists it. */
export function describeAssertion(a: Assertion): string {
  switch (a.type) {
    case "noError":
      return "no error";
    case "equals":
      return `equals ${JSON.stringify(a.value).slice(0, 80)}${a.path ? ` at ${a.path}` : ""}`;
    case "schema":
      return `matches a JSON Schema${a.path ? ` at ${a.path}` : ""}`;
    case "contains":
      return `text contains “${a.text}”`;
    case "latency":
      return `latency under ${a.maxMs} ms`;
    case "error":
      return `JSON-RPC error${a.code === undefined ? "" : ` ${a.code}`}`;
  }
}

/**
 * The middle column of the Collections tab: region "Collection" with the selected
 * collection's items, "Run all" and each item's "Run <name>" against the selected session,
 * and each item's verdict (pass or fail, with every check and why) as the proxy judged it.
 */
export function CollectionPanel({ session }: { session: SessionInfo }) {
  const id = useSessionSidebar(session.id).collection;
  const queryClient = useQueryClient();
  const collection = useQuery({ queryKey: ["collection", id], queryFn: () => collectionsApi.get(id!), enabled: id !== undefined, retry: false });
  const key = runsKey(session.id, id ?? "");
  const runs = useCollectionRuns(key);
  const { start, finish } = useCollectionRunsStore.getState();
  const ready = session.status === "ready";
  const run = useMutation({
    mutationFn: ({ names }: { names?: string[] }) => collectionsApi.run(id!, session.id, names),
    onMutate: ({ names }) => start(key, names ?? collection.data?.items.map((i) => i.name) ?? []),
    onSuccess: (result, { names }) => finish(key, names ?? result.items.map((i) => i.name), result.items),
    onError: (_err, { names }) => finish(key, names ?? collection.data?.items.map((i) => i.name) ?? [], []),
  });
  const remove = useMutation({
    mutationFn: (name: string) => collectionsApi.deleteItem(id!, name),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["collection", id] });
      void queryClient.invalidateQueries({ queryKey: ["collections"] });
    },
  });
  const error = run.isError ? describeError(run.error) : remove.isError ? describeError(remove.error) : collection.isError ? describeError(collection.error) : undefined;

  if (id === undefined) {
    return (
      <div className="middle">
        <section aria-label="Collection" className="pane result-pane">
          <div className="empty">
            <h2 className="pane-title">No collection selected</h2>
            <p className="muted">Pick a collection to see its items and run them against this session.</p>
          </div>
        </section>
      </div>
    );
  }
  const items = collection.data?.items ?? [];
  const shown = items.map((i) => runs.items[i.name]).filter((r): r is ItemRun => r !== undefined);
  const passed = shown.filter((r) => r.status === "pass").length;
  return (
    <div className="middle">
      <section aria-label="Collection" className="pane result-pane collection-panel">
        <div className="pane-head">
          <h2 className="pane-title">{collection.data?.name ?? id}</h2>
          <span className="spacer" />
          <button type="button" className="primary small" disabled={!ready || items.length === 0 || runs.running.length > 0} onClick={() => run.mutate({})}>
            {runs.running.length > 0 ? "Running…" : "Run all"}
          </button>
        </div>
        {collection.data?.description && <p className="tool-about">{collection.data.description}</p>}
        {!ready && <p className="muted small pad">The session is {session.status}: connect a session to run the collection.</p>}
        <ErrorAlert error={error} />
        {collection.isPending && <p className="muted small pad">Loading {id}…</p>}
        {collection.data && items.length === 0 && <p className="muted small pad">This collection has no items.</p>}
        {shown.length > 0 && (
          <p role="status" className="small collection-summary" data-status={passed === shown.length ? "pass" : "fail"}>
            {passed} passed, {shown.length - passed} failed
          </p>
        )}
        <ol className="collection-items" aria-label="Collection items">
          {items.map((item) => (
            <CollectionItemView
              key={item.name}
              item={item}
              run={runs.items[item.name]}
              running={runs.running.includes(item.name)}
              canRun={ready && runs.running.length === 0}
              onRun={() => run.mutate({ names: [item.name] })}
              onDelete={() => remove.mutate(item.name)}
            />
          ))}
        </ol>
      </section>
    </div>
  );
}

function CollectionItemView({ item, run, running, canRun, onRun, onDelete }: { item: CollectionItem; run?: ItemRun; running: boolean; canRun: boolean; onRun: () => void; onDelete: () => void }) {
  const headingId = useId();
  const [showParams, setShowParams] = useState(false);
  const assertions = item.assertions.length ? item.assertions : [{ type: "noError" } as const];
  return (
    <li>
      <article className="collection-item" aria-labelledby={headingId}>
        <div className="collection-item-head">
          <h3 id={headingId} className="collection-item-name">
            {item.name}
          </h3>
          {running ? <VerdictBadge status="running" /> : run && <VerdictBadge status={run.status} />}
          <span className="spacer" />
          <button type="button" className="small" aria-label={`Run ${item.name}`} disabled={!canRun} onClick={onRun}>
            Run
          </button>
          <button type="button" className="small ghost" aria-label={`Delete ${item.name}`} onClick={onDelete}>
            Delete
          </button>
        </div>
        <p className="small muted">
          <code>{item.method}</code>
          {typeof item.params.name === "string" && <> · {item.params.name}</>}
          {typeof item.params.uri === "string" && <> · {item.params.uri}</>}{" "}
          <button type="button" className="link small" aria-expanded={showParams} onClick={() => setShowParams(!showParams)}>
            {showParams ? "Hide params" : "Params"}
          </button>
        </p>
        {showParams && <pre className="json">{JSON.stringify(item.params, null, 2)}</pre>}
        {run ? (
          <ul className="verdicts" aria-label={`Verdicts of ${item.name}`}>
            {run.failure && <li className="verdict-fail">✗ {run.failure}</li>}
            {run.verdicts.map((v, i) => (
              <li key={i} className={v.pass ? "verdict-pass" : "verdict-fail"}>
                {v.pass ? "✓" : "✗"} {v.assertion.type}: {v.message}
              </li>
            ))}
            <li className="muted">{formatMs(run.durationMs)}</li>
          </ul>
        ) : (
          <ul className="verdicts muted" aria-label={`Assertions of ${item.name}`}>
            {assertions.map((a, i) => (
              <li key={i}>{describeAssertion(a)}</li>
            ))}
          </ul>
        )}
      </article>
    </li>
  );
}
