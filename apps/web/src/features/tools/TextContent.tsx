import { useState } from "react";
import Markdown from "react-markdown";

/**
 * Text from a server: monospace as it came, with "Render Markdown" to read it formatted.
 * react-markdown never renders raw HTML (it shows it as text) and drops `javascript:` links.
 */
export function TextContent({ text, label = "text" }: { text: string; label?: string }) {
  const [markdown, setMarkdown] = useState(false);
  return (
    <div className="text-content">
      <div className="text-content-tools">
        <button type="button" className="ghost small" aria-pressed={markdown} onClick={() => setMarkdown(!markdown)} aria-label={`Render ${label} as Markdown`}>
          Markdown
        </button>
      </div>
      {markdown ? (
        <div className="markdown-body">
          <Markdown>{text}</Markdown>
        </div>
      ) : (
        <pre className="content-text">{text}</pre>
      )}
    </div>
  );
}
