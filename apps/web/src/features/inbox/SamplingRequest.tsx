import { useId, useState, type FormEvent, type ReactNode } from "react";
import type { InboxItem } from "@mcpscope/protocol";
import { AnswerFailure } from "./AnswerFailure";
import { SamplingContent } from "./SamplingContent";
import { useAnswer } from "./useAnswer";

/** The error a person's "Reject" sends back (the code and text MCP clients use). */
export const SAMPLING_REJECTED = { code: -1, message: "User rejected sampling request" } as const;

const STOP_REASONS = ["endTurn", "stopSequence", "maxTokens", "toolUse"];

interface SamplingParams {
  messages?: { role?: string; content?: unknown }[];
  systemPrompt?: string;
  modelPreferences?: {
    hints?: { name?: string }[];
    costPriority?: number;
    speedPriority?: number;
    intelligencePriority?: number;
  };
  includeContext?: string;
  maxTokens?: number;
  temperature?: number;
  stopSequences?: string[];
  metadata?: unknown;
  tools?: { name?: string; description?: string }[];
  toolChoice?: unknown;
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function preferences(p: NonNullable<SamplingParams["modelPreferences"]>): string {
  const parts: string[] = [];
  const hints = (p.hints ?? []).map((h) => h.name).filter(Boolean);
  if (hints.length) parts.push(`hints ${hints.join(", ")}`);
  if (p.costPriority !== undefined) parts.push(`cost ${p.costPriority}`);
  if (p.speedPriority !== undefined) parts.push(`speed ${p.speedPriority}`);
  if (p.intelligencePriority !== undefined) parts.push(`intelligence ${p.intelligencePriority}`);
  return parts.join(" · ") || "none";
}

/**
 * A `sampling/createMessage` request (MCP 2025-11-25 "Client Features → Sampling"): the
 * messages and parameters the server sent, and form "Sampling reply" where a person plays
 * the model: "Send reply" answers a `CreateMessageResult`, "Reject" the error -1.
 */
export function SamplingRequest({ item }: { item: InboxItem }) {
  const id = useId();
  const params = item.params as SamplingParams;
  const { answer, disabled, error } = useAnswer(item);
  const [role, setRole] = useState("assistant");
  const [text, setText] = useState("");
  const [model, setModel] = useState("mcpscope-human");
  const [stopReason, setStopReason] = useState("endTurn");

  const send = (event: FormEvent) => {
    event.preventDefault();
    answer({ result: { role, content: { type: "text", text }, model: model.trim() || "mcpscope-human", ...(stopReason.trim() ? { stopReason: stopReason.trim() } : {}) } });
  };

  return (
    <>
      <ol className="inbox-messages" aria-label="Messages">
        {(params.messages ?? []).map((m, i) => (
          <li key={i} className={`inbox-message role-${m.role === "assistant" ? "assistant" : "user"}`}>
            <span className="badge inbox-role">{String(m.role ?? "?")}</span>
            <SamplingContent content={m.content} />
          </li>
        ))}
      </ol>
      <dl className="inbox-facts">
        {params.systemPrompt !== undefined && (
          <Fact term="System prompt">
            <pre className="inbox-text">{params.systemPrompt}</pre>
          </Fact>
        )}
        <Fact term="Max tokens">{params.maxTokens ?? "—"}</Fact>
        {params.temperature !== undefined && <Fact term="Temperature">{params.temperature}</Fact>}
        {params.stopSequences && params.stopSequences.length > 0 && (
          <Fact term="Stop sequences">
            {params.stopSequences.map((s, i) => (
              <code key={i} className="inbox-chip">
                {JSON.stringify(s)}
              </code>
            ))}
          </Fact>
        )}
        {params.includeContext !== undefined && <Fact term="Include context">{params.includeContext}</Fact>}
        {params.modelPreferences && <Fact term="Model preferences">{preferences(params.modelPreferences)}</Fact>}
        {params.tools && params.tools.length > 0 && (
          <Fact term="Tools">
            <details>
              <summary>{params.tools.map((t) => t.name).join(", ")}</summary>
              <pre className="json">{JSON.stringify({ tools: params.tools, toolChoice: params.toolChoice }, null, 2)}</pre>
            </details>
          </Fact>
        )}
        {params.metadata !== undefined && (
          <Fact term="Metadata">
            <pre className="json">{JSON.stringify(params.metadata, null, 2)}</pre>
          </Fact>
        )}
      </dl>
      <form className="inbox-reply" aria-label="Sampling reply" onSubmit={send}>
        <div className="field">
          <label htmlFor={`${id}-text`}>Reply text</label>
          <textarea id={`${id}-text`} rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder="What the model answers…" />
        </div>
        <div className="inbox-reply-row">
          <div className="field">
            <label htmlFor={`${id}-role`}>Role</label>
            <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value)}>
              <option value="assistant">assistant</option>
              <option value="user">user</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-model`}>Model</label>
            <input id={`${id}-model`} value={model} onChange={(e) => setModel(e.target.value)} spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-stop`}>Stop reason</label>
            <input id={`${id}-stop`} list={`${id}-stops`} value={stopReason} onChange={(e) => setStopReason(e.target.value)} spellCheck={false} />
            <datalist id={`${id}-stops`}>
              {STOP_REASONS.map((r) => (
                <option key={r} value={r} />
              ))}
            </datalist>
          </div>
        </div>
        <AnswerFailure error={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={disabled}>
            Send reply
          </button>
          <button type="button" className="danger" disabled={disabled} onClick={() => answer({ error: { ...SAMPLING_REJECTED } })}>
            Reject
          </button>
        </div>
      </form>
    </>
  );
}
