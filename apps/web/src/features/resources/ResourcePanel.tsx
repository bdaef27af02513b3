import type { SessionInfo } from "@mcpscope/protocol";
import { useQueryClient } from "@tanstack/react-query";
import { useSessionSidebar, useSidebarStore } from "../../stores/sidebarStore";
import { pagedItems, usePagedList } from "../sidebar/usePagedList";
import { ResourceRead } from "./ResourceRead";
import type { Resource, ResourceTemplate } from "./resourceTypes";
import { TemplateForm } from "./TemplateForm";
import "./resources.css";

/**
 * The middle column of the Resources tab: region "Resource details" (the selected resource's
 * facts, or the selected template's variables form) and its contents.
 */
export function ResourcePanel({ session }: { session: SessionInfo }) {
  const sidebar = useSessionSidebar(session.id);
  const selection = sidebar.resource;
  const update = useSidebarStore((s) => s.update);
  const queryClient = useQueryClient();
  const ready = session.status === "ready";
  const canSubscribe = (session.capabilities?.resources as { subscribe?: boolean } | undefined)?.subscribe === true;
  const resources = usePagedList<Resource>("resources", session.id, "resources/list", "resources", ready);
  const templates = usePagedList<ResourceTemplate>("resourceTemplates", session.id, "resources/templates/list", "resourceTemplates", ready);

  const resource = selection?.kind === "resource" ? pagedItems(resources.data).find((r) => r.uri === selection.uri) : undefined;
  const template = selection?.kind === "template" ? pagedItems(templates.data).find((t) => t.uriTemplate === selection.uriTemplate) : undefined;
  const readUri =
    selection?.kind === "resource" ? selection.uri : selection ? sidebar.templateUris[selection.uriTemplate] : undefined;

  return (
    <div className="middle">
      <section aria-label="Resource details" className="pane tool-panel">
        {selection?.kind === "resource" ? (
          <>
            <div className="pane-head">
              <h2 className="pane-title">
                <code>{resource?.title ?? resource?.name ?? selection.uri}</code>
              </h2>
            </div>
            <dl className="resource-facts">
              <dt>URI</dt>
              <dd>
                <code className="uri">{selection.uri}</code>
              </dd>
              {resource?.mimeType && (
                <>
                  <dt>MIME type</dt>
                  <dd>{resource.mimeType}</dd>
                </>
              )}
              {resource?.size !== undefined && (
                <>
                  <dt>Size</dt>
                  <dd>{resource.size.toLocaleString("en")} bytes</dd>
                </>
              )}
            </dl>
            {resource?.description && <p className="tool-about">{resource.description}</p>}
          </>
        ) : selection?.kind === "template" ? (
          <>
            <div className="pane-head">
              <h2 className="pane-title">
                <code>{template?.title ?? template?.name ?? selection.uriTemplate}</code>
                <span className="muted"> · resource template</span>
              </h2>
            </div>
            <dl className="resource-facts">
              <dt>URI template</dt>
              <dd>
                <code className="uri">{selection.uriTemplate}</code>
              </dd>
            </dl>
            {template?.description && <p className="tool-about">{template.description}</p>}
            <TemplateForm
              key={selection.uriTemplate}
              uriTemplate={selection.uriTemplate}
              disabled={!ready}
              onRead={(uri) => {
                update(session.id, (s) => ({ templateUris: { ...s.templateUris, [selection.uriTemplate]: uri } }));
                // Reading the same URI again means a fresh read, not the cached one.
                void queryClient.invalidateQueries({ queryKey: ["resourceRead", session.id, uri] });
              }}
            />
          </>
        ) : (
          <div className="empty">
            <h2 className="pane-title">No resource selected</h2>
            <p className="muted">Pick a resource to read it, or a resource template to fill in its variables.</p>
          </div>
        )}
      </section>
      {readUri ? (
        <ResourceRead key={readUri} sessionId={session.id} uri={readUri} canSubscribe={canSubscribe} ready={ready} {...(session.era === "modern" ? { modern: session } : {})} />
      ) : (
        <section aria-label="Resource contents" className="pane result-pane">
          <div className="pane-head">
            <h2 className="pane-title">Contents</h2>
          </div>
          <p className="muted small pad">
            {selection?.kind === "template" ? "Fill in the template’s variables and read the resource." : "Select a resource to read its contents."}
          </p>
        </section>
      )}
    </div>
  );
}
