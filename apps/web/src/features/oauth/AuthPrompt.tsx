import { useState } from "react";
import type { SessionInfo } from "@mcpscope/protocol";
import { useReadOnly } from "../sharing/useReadOnly";
import { isOpenableAuthorizationUrl, openAuthorizationPage } from "./openAuthorizationPage";
import "./oauth.css";

const REASONS: Record<string, string> = {
  connect: "to connect",
  "step-up": "to grant the scopes a request needs (step-up)",
  expired: "again: the server refused the token",
  "re-run": "for the re-run",
};

/**
 * The banner of a session waiting for a person to sign in (MCP "Authorization"): opens the
 * authorization server's page in a new tab (only an http: or https: URL), and says where
 * the answer goes (a viewer is only told: signing in would sign the presenter's session in
 * as the viewer). Nothing for other sessions.
 */
export function AuthPrompt({ session }: { session?: SessionInfo }) {
  const [blocked, setBlocked] = useState(false);
  const readOnly = useReadOnly(session?.id);
  const auth = session?.auth;
  if (!session || auth?.status !== "required" || !auth.authorizationUrl) return null;
  const url = auth.authorizationUrl;
  const openable = isOpenableAuthorizationUrl(url);
  const host = openable ? new URL(url).host : url;
  return (
    <section className="auth-prompt" aria-label="Sign-in required">
      <p>
        <strong>Sign in {REASONS[auth.reason ?? "connect"] ?? ""}.</strong> {session.target.transport !== "stdio" ? session.target.url : ""} uses OAuth: the sign-in page of <code>{host}</code> opens in a new tab and sends you back to mcpscope.
      </p>
      {readOnly ? (
        <span className="muted small">The presenter signs in; the session continues here once they have.</span>
      ) : openable ? (
        <button type="button" className="primary" onClick={() => setBlocked(!openAuthorizationPage(url))}>
          Open sign-in page
        </button>
      ) : (
        <p role="alert" className="auth-refused">
          mcpscope refuses to open this authorization URL: it is not an http: or https: URL.
        </p>
      )}
      {blocked && <span className="muted small">The browser blocked the new tab: allow pop-ups for this page, or press the button again.</span>}
      {auth.expiresAt && <span className="muted small">Valid until {new Date(auth.expiresAt).toLocaleTimeString()}.</span>}
    </section>
  );
}
