import { useMutation } from "@tanstack/react-query";
import { describeError } from "../../api/apiRequestError";
import { restClient } from "../../api/restClient";
import { ResourceContents, type ResourceContent } from "./ResourceContents";
import { ErrorAlert } from "../../components/ErrorAlert";

interface Props {
  link: { uri: string; name?: string; title?: string; description?: string; mimeType?: string };
  /** The session to read the resource through; without one the link is shown only. */
  sessionId?: string;
}

/**
 * A `resource_link` content block: its title, URI and type, and "Read resource", which sends
 * `resources/read` for its URI through the proxy and shows the contents inline
 * (MCP 2025-11-25 "Tools → Resource links").
 */
export function ResourceLink({ link, sessionId }: Props) {
  const read = useMutation({
    mutationFn: async () => {
      const answer = await restClient.sendRequest(sessionId!, { method: "resources/read", params: { uri: link.uri } });
      if ("error" in answer) throw new Error(`resources/read failed: JSON-RPC error ${answer.error.code}: ${answer.error.message}`);
      return (answer.result as { contents?: ResourceContent[] }).contents ?? [];
    },
  });
  const error = read.isError ? describeError(read.error) : undefined;
  return (
    <div className="content-resource">
      <span className="badge">resource link</span> <strong>{link.title ?? link.name ?? ""}</strong>
      <code className="uri">{link.uri}</code>
      {link.mimeType && <span className="muted small">{link.mimeType}</span>}
      {link.description && <p className="small">{link.description}</p>}
      {sessionId && (
        <button type="button" className="ghost small" onClick={() => read.mutate()} disabled={read.isPending} aria-label={`Read resource ${link.uri}`}>
          {read.isPending ? "Reading…" : read.data ? "Read again" : "Read resource"}
        </button>
      )}
      <ErrorAlert error={error} />
      {read.data && (
        <section aria-label={`Contents of ${link.uri}`} className="resource-read">
          {read.data.length === 0 && <p className="muted small">The server returned no contents.</p>}
          {read.data.map((c, i) => (
            <ResourceContents key={i} content={c} />
          ))}
        </section>
      )}
    </div>
  );
}
