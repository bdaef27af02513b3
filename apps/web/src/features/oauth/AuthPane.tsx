import { useId, useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import type { AuthRunBody, SessionInfo } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useSessionsStore } from "../../stores/sessionsStore";
import { updateSession } from "../../api/sessionsSync";
import { useReadOnly } from "../sharing/useReadOnly";
import { AuthPrompt } from "./AuthPrompt";
import { oauthApi } from "./oauthApi";
import { openAuthorizationPage } from "./openAuthorizationPage";
import { useAuthReport } from "./useAuthReport";
import "./oauth.css";

const STATUS_TEXT: Record<string, string> = {
  none: "Not asked for",
  required: "Waiting for you to sign in",
  authorizing: "Authorizing…",
  authorized: "Authorized",
  failed: "Failed",
};

const SOURCES: Record<string, string> = { preregistered: "pre-registered", cimd: "Client ID Metadata Document", dcr: "Dynamic Client Registration", client_credentials: "client credentials" };

/**
 * The Auth tab's side column: where the session's authorization stands (status, issuer,
 * client and how it got its identity, scopes, token expiry) and "Run again": the flow from
 * a step, with an edited scope, client metadata or pre-registered client.
 */
export function AuthPane({ session }: { session: SessionInfo }) {
  const id = useId();
  const report = useAuthReport(session);
  const readOnly = useReadOnly(session.id) !== undefined;
  const auth = session.auth;
  const [from, setFrom] = useState<AuthRunBody["from"]>("discovery");
  const [scope, setScope] = useState("");
  const [clientName, setClientName] = useState("");
  const [applicationType, setApplicationType] = useState<"" | "native" | "web">("");
  const [clientId, setClientId] = useState("");
  const [clientSecret, setClientSecret] = useState("");
  const rerun = useMutation({
    mutationFn: (body: Partial<AuthRunBody>) => oauthApi.rerun(session.id, body),
    onSuccess: (next) => {
      updateSession(next);
      if (next.id !== session.id) useSessionsStore.getState().select(next.id);
      if (next.auth?.status === "required" && next.auth.authorizationUrl) openAuthorizationPage(next.auth.authorizationUrl);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const clientMetadata = { ...(clientName.trim() ? { client_name: clientName.trim() } : {}), ...(applicationType ? { application_type: applicationType } : {}) };
    rerun.mutate({
      from,
      ...(scope.trim() ? { scope: scope.trim() } : {}),
      ...(Object.keys(clientMetadata).length ? { clientMetadata } : {}),
      ...(clientId.trim() ? { clientId: clientId.trim() } : {}),
      ...(clientSecret ? { clientSecret } : {}),
    });
  };

  return (
    <div className="auth-pane">
      <AuthPrompt session={session} />
      <dl className="auth-facts">
        <dt>Status</dt>
        <dd>{auth ? STATUS_TEXT[auth.status] : session.recorded ? "Recorded session" : "OAuth off"}</dd>
        {auth?.mode && (
          <>
            <dt>Mode</dt>
            <dd>{auth.mode === "headless" ? "headless (no person)" : auth.mode}</dd>
          </>
        )}
        {auth?.issuer && (
          <>
            <dt>Authorization server</dt>
            <dd>
              <code>{auth.issuer}</code>
            </dd>
          </>
        )}
        {auth?.clientId && (
          <>
            <dt>Client</dt>
            <dd>
              <code>{auth.clientId}</code> {auth.clientSource ? `(${SOURCES[auth.clientSource]})` : ""}
            </dd>
          </>
        )}
        {auth?.scope && (
          <>
            <dt>Scopes</dt>
            <dd>
              <code>{auth.scope}</code>
            </dd>
          </>
        )}
        {auth?.tokenExpiresAt && (
          <>
            <dt>Token expires</dt>
            <dd>
              {new Date(auth.tokenExpiresAt).toLocaleTimeString()}
              {auth.hasRefreshToken ? " (refreshed automatically)" : ""}
            </dd>
          </>
        )}
        {report.data?.redirectUrl && (
          <>
            <dt>Redirect URI</dt>
            <dd>
              <code>{report.data.redirectUrl}</code>
            </dd>
          </>
        )}
        <dt>Tokens kept</dt>
        <dd>{auth?.persisted ? "in the data directory (mode 0600)" : "in mcpscope's memory only"}</dd>
      </dl>
      {auth?.error && <ErrorAlert error={{ message: auth.error }} />}
      {auth && !readOnly && (
        <form className="auth-rerun" aria-label="Run the authorization again" onSubmit={submit}>
          <h3 className="pane-subtitle">Run again</h3>
          <div className="field">
            <label htmlFor={`${id}-from`}>From step</label>
            <select id={`${id}-from`} value={from} onChange={(e) => setFrom(e.target.value as AuthRunBody["from"])}>
              <option value="discovery">Discovery (metadata, client, sign-in)</option>
              <option value="registration">Client registration (then sign-in)</option>
              <option value="authorization">Authorization (sign-in only)</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-scope`}>Scopes</label>
            <input id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value)} placeholder="(the server's choice)" spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-name`}>Client name</label>
            <input id={`${id}-name`} value={clientName} onChange={(e) => setClientName(e.target.value)} placeholder="mcpscope" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-apptype`}>Application type</label>
            <select id={`${id}-apptype`} value={applicationType} onChange={(e) => setApplicationType(e.target.value as typeof applicationType)}>
              <option value="">native (default)</option>
              <option value="native">native</option>
              <option value="web">web</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-client-id`}>Pre-registered client ID</label>
            <input id={`${id}-client-id`} value={clientId} onChange={(e) => setClientId(e.target.value)} placeholder="(register dynamically)" spellCheck={false} autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-client-secret`}>Client secret</label>
            <input id={`${id}-client-secret`} type="password" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} autoComplete="off" />
          </div>
          {rerun.isError && <ErrorAlert error={describeError(rerun.error)} />}
          <button type="submit" className="primary" disabled={rerun.isPending}>
            {rerun.isPending ? "Running…" : "Run again"}
          </button>
        </form>
      )}
    </div>
  );
}
