import type { AppDocument } from "@mcpscope/protocol/types";

/**
 * "Sandbox": where the app runs and under which policy (the sandbox origin, the iframe's
 * `sandbox` and `allow` attributes, the Content-Security-Policy it is served with), and the
 * declared `_meta.ui` entries mcpscope left out, with why.
 */
export function SandboxDetails({ doc }: { doc: AppDocument }) {
  return (
    <details className="app-sandbox">
      <summary>
        Sandbox{doc.ignored.length > 0 && (
          <span className="badge badge-tool-error">
            {doc.ignored.length} declared {doc.ignored.length === 1 ? "entry" : "entries"} ignored
          </span>
        )}
      </summary>
      <dl className="app-sandbox-list">
        <dt>Origin</dt>
        <dd>
          <code>{new URL(doc.url).origin}</code> (opaque: the document is sandboxed without <code>allow-same-origin</code>)
        </dd>
        <dt>iframe sandbox</dt>
        <dd>
          <code>{doc.sandbox}</code>
        </dd>
        <dt>iframe allow</dt>
        <dd>{doc.allow ? <code>{doc.allow}</code> : <span className="muted">none (no permissions declared)</span>}</dd>
        <dt>Content-Security-Policy</dt>
        <dd>
          <ul className="app-csp" aria-label="Content-Security-Policy directives">
            {doc.csp.split("; ").map((directive) => (
              <li key={directive}>
                <code>{directive}</code>
              </li>
            ))}
          </ul>
        </dd>
        {doc.ignored.length > 0 && (
          <>
            <dt>Ignored</dt>
            <dd>
              <ul aria-label="Ignored declarations">
                {doc.ignored.map((why) => (
                  <li key={why}>{why}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </details>
  );
}
