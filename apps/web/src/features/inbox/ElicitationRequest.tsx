import { useMemo, useState } from "react";
import type { InboxItem } from "@mcpscope/protocol";
import { SchemaForm, type FormValue } from "../schemaForm/LazySchemaForm";
import { AnswerFailure } from "./AnswerFailure";
import { applyElicitationDefaults } from "./applyElicitationDefaults";
import { prepareElicitationSchema } from "./prepareElicitationSchema";
import { useAnswer } from "./useAnswer";

interface ElicitParams {
  mode?: "form" | "url";
  message?: string;
  requestedSchema?: Record<string, unknown>;
  url?: string;
  elicitationId?: string;
}

/** The URL's parts when it is one a browser may open safely (http or https only). */
function openable(url: string | undefined): URL | undefined {
  try {
    const parsed = new URL(url ?? "");
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function Decisions({ answer, disabled, accept }: { answer: ReturnType<typeof useAnswer>["answer"]; disabled: boolean; accept: "submit" | (() => void) }) {
  return (
    <div className="form-actions">
      <button type={accept === "submit" ? "submit" : "button"} className="primary" disabled={disabled} onClick={accept === "submit" ? undefined : accept}>
        Accept
      </button>
      <button type="button" disabled={disabled} onClick={() => answer({ result: { action: "decline" } })}>
        Decline
      </button>
      <button type="button" className="ghost" disabled={disabled} onClick={() => answer({ result: { action: "cancel" } })}>
        Cancel
      </button>
    </div>
  );
}

/**
 * Form mode: the `requestedSchema` as a form, its defaults filled in for the person to review
 * (SEP-1034); Accept sends the content, defaults applied to any field left empty.
 */
function FormElicitation({ item, params, idPrefix }: { item: InboxItem; params: ElicitParams; idPrefix: string }) {
  const { answer, disabled, error } = useAnswer(item);
  const schema = useMemo(() => prepareElicitationSchema(params.requestedSchema), [params.requestedSchema]);
  const [value, setValue] = useState<FormValue | undefined>(() => applyElicitationDefaults(params.requestedSchema, {}));
  const [invalid, setInvalid] = useState(false);
  return (
    <SchemaForm
      className="inbox-elicit-form"
      schema={schema}
      value={value}
      onChange={setValue}
      onSubmit={(content) => {
        setInvalid(false);
        answer({ result: { action: "accept", content: applyElicitationDefaults(params.requestedSchema, content) } });
      }}
      onInvalid={() => setInvalid(true)}
      liveValidate={invalid}
      idPrefix={idPrefix}
    >
      {invalid && (
        <p role="alert" className="small invalid-reason">
          Some fields do not match the requested schema: see the messages beside them. Fix them to accept, or decline.
        </p>
      )}
      <AnswerFailure error={error} />
      <Decisions answer={answer} disabled={disabled} accept="submit" />
    </SchemaForm>
  );
}

/**
 * URL mode: the full URL with its host, opened only by the person's own click (never
 * pre-fetched); Accept tells the server they consent to the out-of-band flow.
 */
function UrlElicitation({ item, params }: { item: InboxItem; params: ElicitParams }) {
  const { answer, disabled, error } = useAnswer(item);
  const url = openable(params.url);
  return (
    <div className="inbox-url">
      <dl className="inbox-facts">
        <dt>Host</dt>
        <dd>
          <strong>{url ? url.host : "not an http(s) URL"}</strong>
        </dd>
        <dt>URL</dt>
        <dd>
          <code className="inbox-url-text">{params.url}</code>
        </dd>
        {params.elicitationId && (
          <>
            <dt>Elicitation id</dt>
            <dd>
              <code>{params.elicitationId}</code>
            </dd>
          </>
        )}
      </dl>
      {url ? (
        <a href={url.href} target="_blank" rel="noopener noreferrer">
          Open {url.host} in a new tab
        </a>
      ) : (
        <p className="muted small">mcpscope opens only http and https URLs.</p>
      )}
      <AnswerFailure error={error} />
      <Decisions answer={answer} disabled={disabled} accept={() => answer({ result: { action: "accept" } })} />
    </div>
  );
}

/**
 * An `elicitation/create` request (MCP 2025-11-25 "Client Features → Elicitation"): the
 * server's message, then a form (form mode) or a URL to visit (URL mode), and the three
 * answers: Accept, Decline, Cancel.
 */
export function ElicitationRequest({ item, idPrefix }: { item: InboxItem; idPrefix: string }) {
  const params = item.params as ElicitParams;
  return (
    <>
      {params.message && <p className="inbox-elicit-message">{params.message}</p>}
      {params.mode === "url" ? <UrlElicitation item={item} params={params} /> : <FormElicitation item={item} params={params} idPrefix={idPrefix} />}
    </>
  );
}
