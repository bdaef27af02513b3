import { ContentItem } from "../tools/ContentItem";
import type { GetPromptResult } from "./promptTypes";

/** The messages of a `prompts/get` result: role, then the content rendered by its type. */
export function PromptMessages({ result }: { result: GetPromptResult }) {
  const messages = Array.isArray(result.messages) ? result.messages : [];
  return (
    <div className="result">
      {result.description && <p className="muted small">{result.description}</p>}
      {messages.length === 0 && <p className="muted small">The server returned no messages.</p>}
      <ol className="prompt-messages" aria-label="Messages">
        {messages.map((m, i) => (
          <li key={i} className={`prompt-message role-${m.role === "assistant" ? "assistant" : "user"}`}>
            <span className="badge">{String(m.role)}</span>
            {m.content && typeof m.content === "object" ? <ContentItem item={m.content} /> : <pre className="json">{JSON.stringify(m.content)}</pre>}
          </li>
        ))}
      </ol>
    </div>
  );
}
