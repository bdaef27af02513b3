import { isEmptyFilter, type FrameFilter } from "@mcpscope/timeline";
import { useSessionsStore } from "../stores/sessionsStore";
import { useSidebarStore, type ResourceSelection } from "../stores/sidebarStore";
import { useTimelineStore } from "../stores/timelineStore";
import { useToolSelectionStore } from "../stores/toolSelectionStore";
import { useWorkbenchStore } from "../stores/workbenchStore";
import { viewHref, type ViewState } from "./viewUrl";

/** The view the stores hold now (what the address bar should say). */
export function viewFromStores(): ViewState {
  const session = useSessionsStore.getState().selectedId;
  const timeline = useTimelineStore.getState();
  const workbench = useWorkbenchStore.getState();
  const view: ViewState = {
    filter: timeline.filter,
    view: timeline.tab,
    server: workbench.server,
    maximized: workbench.maximized || undefined,
  };
  if (session === undefined) return view;
  const sidebar = useSidebarStore.getState().of(session);
  return {
    ...view,
    session,
    frame: timeline.selected[session],
    pane: sidebar.tab,
    tool: useToolSelectionStore.getState().selected[session],
    resource: sidebar.resource?.kind === "resource" ? sidebar.resource.uri : undefined,
    template: sidebar.resource?.kind === "template" ? sidebar.resource.uriTemplate : undefined,
    prompt: sidebar.prompt,
    task: sidebar.task,
    collection: sidebar.collection,
    compare: workbench.compare.open ? workbench.compare.with : undefined,
  };
}

function sameFilter(a: FrameFilter, b: FrameFilter): boolean {
  if (isEmptyFilter(a) && isEmptyFilter(b)) return true;
  return (
    (a.dirs ?? []).join() === (b.dirs ?? []).join() &&
    (a.kinds ?? []).join() === (b.kinds ?? []).join() &&
    (a.method ?? "") === (b.method ?? "") &&
    (a.id ?? "") === (b.id ?? "") &&
    (a.text ?? "") === (b.text ?? "")
  );
}

/**
 * Makes the stores show a view (a link opened, reload, back/forward). It only selects: no
 * request is sent, nothing is started or connected. A session the page does not know yet
 * stays selected until the session list arrives (then `missingId` says if it is not there).
 */
export function applyView(view: ViewState): void {
  const timeline = useTimelineStore.getState();
  const workbench = useWorkbenchStore.getState();
  if ((view.view ?? "frames") !== timeline.tab) timeline.setTab(view.view ?? "frames");
  if (!sameFilter(view.filter, timeline.filter)) timeline.setFilter(view.filter);
  if (view.server !== workbench.server) workbench.setServer(view.server);
  if ((view.maximized ?? false) !== workbench.maximized) workbench.setMaximized(view.maximized ?? false);
  const session = view.session;
  if (session === undefined) {
    // "/" shows whichever session the page picks; a dialog of a session closes.
    if (workbench.compare.with !== undefined) workbench.setCompare({ open: false });
    return;
  }
  const sessions = useSessionsStore.getState();
  if (sessions.selectedId !== session) sessions.select(session);
  const sidebar = useSidebarStore.getState();
  const current = sidebar.of(session);
  const resource: ResourceSelection | undefined =
    view.resource !== undefined ? { kind: "resource", uri: view.resource }
    : view.template !== undefined ? { kind: "template", uriTemplate: view.template }
    : undefined;
  const sameResource =
    current.resource?.kind === resource?.kind &&
    (current.resource?.kind === "resource" ? current.resource.uri === view.resource : current.resource?.uriTemplate === view.template);
  if (current.tab !== view.pane || !sameResource || current.prompt !== view.prompt || current.task !== view.task || current.collection !== view.collection) {
    sidebar.update(session, () => ({ tab: view.pane, resource, prompt: view.prompt, task: view.task, collection: view.collection }));
  }
  const tools = useToolSelectionStore.getState();
  if (tools.selected[session] !== view.tool) tools.select(session, view.tool);
  if (view.frame === undefined) timeline.deselect(session);
  else if (timeline.selected[session] !== view.frame) timeline.select(session, view.frame, true);
  const compare = view.compare === undefined ? { open: false } : { open: true, with: view.compare };
  if (workbench.compare.open !== compare.open || workbench.compare.with !== compare.with) workbench.setCompare(compare);
}

/** Calls `listener` whenever any store a view reads from changes; returns the unsubscribe. */
export function subscribeViewStores(listener: () => void): () => void {
  const stops = [
    useSessionsStore.subscribe(listener),
    useSidebarStore.subscribe(listener),
    useTimelineStore.subscribe(listener),
    useToolSelectionStore.subscribe(listener),
    useWorkbenchStore.subscribe(listener),
  ];
  return () => stops.forEach((stop) => stop());
}

/** The stores' view as a URL (a string, so React compares snapshots by value). */
export function storesHref(): string {
  return viewHref(viewFromStores());
}
