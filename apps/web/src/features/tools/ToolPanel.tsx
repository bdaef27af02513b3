import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import type { SessionInfo } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { restClient } from "../../api/restClient";
import { targetLabel } from "../../lib/targetLabel";
import { frameSync } from "../../api/frameSync";
import { useToolSelectionStore } from "../../stores/toolSelectionStore";
import { useReadOnly } from "../sharing/useReadOnly";
import { RunProgress } from "./RunProgress";
import { RunRounds } from "./RunRounds";
import { ToolForm } from "./ToolForm";
import { ToolResult } from "./ToolResult";
import type { ToolRun } from "./toolTypes";
import { toolRunSource } from "./toolRunSource";
import { useTools } from "./useTools";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SaveToCollection } from "../collections/SaveToCollection";
import { ToolApp } from "../apps/ToolApp";

/** Regions "Tool form" and "Result": the selected tool's arguments form, and what it returned. */
export function ToolPanel({ session }: { session?: SessionInfo }) {
  const ready = session?.status === "ready";
  const tools = useTools(session?.id, ready);
  const readOnly = useReadOnly(session?.id);
  const selectedName = useToolSelectionStore((s) => (session ? s.selected[session.id] : undefined));
  const tool = tools.data?.find((t) => t.name === selectedName);
  const [run, setRun] = useState<ToolRun>();
  // Which request is this run's: the first tools/call of the tool after this seq.
  const [tracking, setTracking] = useState<{ sessionId: string; name: string; sinceSeq: number; nonce: number }>();

  const call = useMutation({
    mutationFn: async ({ sessionId, name, args }: { sessionId: string; name: string; args: Record<string, unknown> }) => {
      const started = performance.now();
      const outcome = await restClient.sendRequest(sessionId, { method: "tools/call", params: { name, arguments: args } });
      const elapsedMs = performance.now() - started;
      return {
        toolName: name,
        args,
        elapsedMs,
        outcome: "error" in outcome ? { error: outcome.error } : { result: outcome.result },
      } satisfies ToolRun;
    },
    onMutate: ({ sessionId, name }) => {
      setRun(undefined);
      setTracking((t) => ({ sessionId, name, sinceSeq: frameSync.heldSeq(sessionId), nonce: (t?.nonce ?? 0) + 1 }));
    },
    onSuccess: setRun,
  });
  const callError = call.isError ? describeError(call.error) : undefined;
  const serverName = session?.serverInfo?.name ?? (session ? targetLabel(session) : "server");

  return (
    <div className="middle">
      <section aria-label="Tool form" className="pane tool-panel">
        {tool && session ? (
          <>
            <div className="pane-head">
              <h2 className="pane-title">
                <code>{tool.name}</code>
                {tool.title && tool.title !== tool.name && <span className="muted"> · {tool.title}</span>}
              </h2>
            </div>
            {tool.description && <p className="tool-about">{tool.description}</p>}
            <ToolForm
              key={`${session.id}:${tool.name}`}
              tool={tool}
              serverName={serverName}
              running={call.isPending}
              disabled={!ready || readOnly !== undefined}
              onRun={(args) => call.mutate({ sessionId: session.id, name: tool.name, args })}
            />
          </>
        ) : (
          <div className="empty">
            <h2 className="pane-title">No tool selected</h2>
            <p className="muted">
              {ready ? "Pick a tool from the list to fill in its arguments and run it." : "Connect to a server, then pick one of its tools."}
            </p>
          </div>
        )}
      </section>
      <section aria-label="Result" className="pane result-pane">
        <div className="pane-head">
          <h2 className="pane-title">Result</h2>
          {call.isPending && (
            <span role="status" className="muted small">
              Waiting for {call.variables?.name}…
            </span>
          )}
          {run && !call.isPending && <SaveToCollection source={toolRunSource(run, tools.data?.find((t) => t.name === run.toolName)?.outputSchema)} />}
        </div>
        {tracking && (
          <RunProgress
            key={tracking.nonce}
            sessionId={tracking.sessionId}
            toolName={tracking.name}
            sinceSeq={tracking.sinceSeq}
            running={call.isPending}
          />
        )}
        <ErrorAlert error={callError} />
        {tool && session && tracking?.name === tool.name && tracking.sessionId === session.id && (
          <ToolApp session={session} tool={tool} args={call.variables?.args} outcome={run?.toolName === tool.name ? run.outcome : undefined} runKey={tracking.nonce} />
        )}
        {run ? (
          <ToolResult
            run={run}
            sessionId={session?.id}
            era={session?.era}
            outputSchema={tools.data?.find((t) => t.name === run.toolName)?.outputSchema}
            rounds={tracking && <RunRounds sessionId={tracking.sessionId} toolName={tracking.name} sinceSeq={tracking.sinceSeq} />}
          />
        ) : !call.isPending && !callError && <p className="muted small pad">Run a tool to see its result here.</p>}
      </section>
    </div>
  );
}
