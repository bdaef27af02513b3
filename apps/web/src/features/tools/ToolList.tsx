import { useState } from "react";
import { ToolBadges, ToolIconImage } from "./ToolBadges";
import type { Tool } from "./toolTypes";
import "./toolList.css";

interface Props {
  tools: Tool[];
  selected?: string;
  onSelect: (name: string) => void;
}

/**
 * `<nav aria-label="Tool list">`: one button per tool, named exactly by the tool's name, with
 * its icon, title, description and annotation badges beside it.
 */
export function ToolList({ tools, selected, onSelect }: Props) {
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? tools.filter((t) => `${t.name} ${t.title ?? ""} ${t.description ?? ""}`.toLowerCase().includes(needle))
    : tools;
  return (
    <>
      {tools.length > 6 && (
        <input
          type="search"
          className="tool-filter"
          aria-label="Filter tools"
          placeholder="Filter tools…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      )}
      <nav aria-label="Tool list" className="tool-list">
        <ul>
          {shown.map((tool, i) => {
            const descId = `tool-desc-${i}`;
            const title = tool.title ?? tool.annotations?.title;
            return (
              <li key={tool.name} className={tool.name === selected ? "selected" : undefined}>
                <ToolIconImage tool={tool} />
                <button
                  type="button"
                  aria-current={tool.name === selected ? "true" : undefined}
                  aria-describedby={title || tool.description || tool.annotations ? descId : undefined}
                  onClick={() => onSelect(tool.name)}
                >
                  {tool.name}
                </button>
                {(title || tool.description || tool.annotations) && (
                  <div id={descId} className="tool-desc">
                    {title && title !== tool.name && <span className="tool-title">{title}</span>}
                    {tool.description && <span className="tool-description">{tool.description}</span>}
                    <ToolBadges tool={tool} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
        {shown.length === 0 && <p className="muted small pad">No tool matches “{filter}”.</p>}
      </nav>
    </>
  );
}
