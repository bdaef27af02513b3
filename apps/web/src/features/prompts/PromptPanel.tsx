import { useMemo, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import type { SessionInfo } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { useSessionSidebar, useSidebarStore } from "../../stores/sidebarStore";
import { SchemaForm, type FormValue } from "../schemaForm/LazySchemaForm";
import { mcpRequest } from "../sidebar/mcpRequest";
import { pagedItems, usePagedList } from "../sidebar/usePagedList";
import { promptArgsSchema } from "./promptArgsSchema";
import { PromptMessages } from "./PromptMessages";
import type { GetPromptResult, Prompt } from "./promptTypes";
import "./prompts.css";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SaveToCollection } from "../collections/SaveToCollection";

/**
 * The middle column of the Prompts tab: region "Prompt form" (the selected prompt's arguments
 * as a form, sent with `prompts/get`) and region "Prompt messages" (the messages it
 * returned, each with its role and content).
 */
export function PromptPanel({ session }: { session: SessionInfo }) {
  const ready = session.status === "ready";
  const sidebar = useSessionSidebar(session.id);
  const name = sidebar.prompt;
  const update = useSidebarStore((s) => s.update);
  const prompts = usePagedList<Prompt>("prompts", session.id, "prompts/list", "prompts", ready);
  const prompt = pagedItems(prompts.data).find((p) => p.name === name);
  const get = useMutation({
    mutationFn: (args: { name: string; arguments: Record<string, string> }) => mcpRequest<GetPromptResult>(session.id, "prompts/get", args),
    onMutate: () => update(session.id, () => ({ promptRun: undefined })),
    onSuccess: (result, args) => update(session.id, () => ({ promptRun: { name: args.name, arguments: args.arguments, result } })),
    onError: (err, args) => update(session.id, () => ({ promptRun: { name: args.name, error: describeError(err) } })),
  });
  // Kept in the store, so the messages are still there after visiting another tab.
  const shown = sidebar.promptRun?.name === name ? sidebar.promptRun : undefined;
  const error = shown?.error;

  return (
    <div className="middle">
      <section aria-label="Prompt form" className="pane tool-panel">
        {prompt ? (
          <>
            <div className="pane-head">
              <h2 className="pane-title">
                <code>{prompt.name}</code>
                {prompt.title && prompt.title !== prompt.name && <span className="muted"> · {prompt.title}</span>}
              </h2>
            </div>
            {prompt.description && <p className="tool-about">{prompt.description}</p>}
            <PromptForm key={prompt.name} prompt={prompt} running={get.isPending} disabled={!ready} onGet={(args) => get.mutate({ name: prompt.name, arguments: args })} />
          </>
        ) : (
          <div className="empty">
            <h2 className="pane-title">No prompt selected</h2>
            <p className="muted">Pick a prompt to fill in its arguments and get its messages.</p>
          </div>
        )}
      </section>
      <section aria-label="Prompt messages" className="pane result-pane">
        <div className="pane-head">
          <h2 className="pane-title">Messages</h2>
          {get.isPending && (
            <span role="status" className="muted small">
              Getting {get.variables?.name}…
            </span>
          )}
          {shown?.result !== undefined && !get.isPending && (
            <SaveToCollection
              source={{ method: "prompts/get", params: { name: shown.name, arguments: shown.arguments ?? {} }, answer: { result: shown.result as Record<string, unknown> }, suggestedName: shown.name }}
            />
          )}
        </div>
        <ErrorAlert error={error} />
        {shown?.result ? (
          <PromptMessages result={shown.result} />
        ) : (
          !get.isPending && !error && <p className="muted small pad">Get a prompt to see its messages here.</p>
        )}
      </section>
    </div>
  );
}

function PromptForm({ prompt, running, disabled, onGet }: { prompt: Prompt; running: boolean; disabled: boolean; onGet: (args: Record<string, string>) => void }) {
  const schema = useMemo(() => promptArgsSchema(prompt.arguments), [prompt.arguments]);
  const [value, setValue] = useState<FormValue | undefined>();
  const [attempted, setAttempted] = useState(false);
  return (
    <SchemaForm
      className="tool-form"
      schema={schema}
      value={value}
      onChange={setValue}
      onSubmit={(v) => onGet(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])))}
      onInvalid={() => setAttempted(true)}
      liveValidate={attempted}
      idPrefix="prompt"
    >
      <div className="form-actions">
        <button type="submit" className="primary" disabled={running || disabled}>
          {running ? "Getting…" : "Get prompt"}
        </button>
      </div>
    </SchemaForm>
  );
}
