import { type ClientBehaviour, TASKS_EXTENSION, UI_EXTENSION_ID, UI_RESOURCE_MIME_TYPE } from "@mcpscope/protocol";

/**
 * What mcpscope declares (MCP 2025-11-25 "Lifecycle → Capability Negotiation"; on
 * 2026-07-28 the same object travels in every request's `_meta`): sampling, elicitation in
 * form mode (with defaults applied to fields the user leaves alone, SEP-1034) and URL mode,
 * and roots with change notifications; each can be switched off per session. With sampling
 * or elicitation on, it also declares client-side tasks for them (MCP 2025-11-25 "Tasks",
 * experimental; see `ClientTasks`). With `apps` on, it declares the MCP Apps extension under
 * `extensions` (SEP-1865 "Client<>Server Capability Negotiation"; `extensions` is part of
 * `ClientCapabilities` on 2026-07-28 and accepted by the SDK on every revision): mcpscope renders
 * `text/html;profile=mcp-app` resources.
 */
export function clientCapabilities(enabled: ClientBehaviour["capabilities"]): Record<string, unknown> {
  const taskRequests = {
    ...(enabled.sampling ? { sampling: { createMessage: {} } } : {}),
    ...(enabled.elicitation ? { elicitation: { create: {} } } : {}),
  };
  return {
    ...(enabled.sampling ? { sampling: {} } : {}),
    ...(enabled.elicitation ? { elicitation: { form: { applyDefaults: true }, url: {} } } : {}),
    ...(enabled.roots ? { roots: { listChanged: true } } : {}),
    ...(Object.keys(taskRequests).length ? { tasks: { list: {}, cancel: {}, requests: taskRequests } } : {}),
    ...(enabled.apps ? { extensions: { [UI_EXTENSION_ID]: { mimeTypes: [UI_RESOURCE_MIME_TYPE] } } } : {}),
  };
}

/**
 * What mcpscope declares in each request's `_meta["io.modelcontextprotocol/clientCapabilities"]`
 * on a 2026-07-28 session: sampling, elicitation and roots as on the handshake era (they are
 * answered through `input_required` rounds), without the 2025-11-25 `tasks` capability that
 * 2026-07-28 moved out of the core, and with the Tasks extension (SEP-2663: mcpscope follows
 * a task handle a server answers with, in its Tasks pane).
 */
export function modernClientCapabilities(enabled: ClientBehaviour["capabilities"]): Record<string, unknown> {
  const { tasks: _legacyTasks, roots, ...rest } = clientCapabilities(enabled);
  return { ...rest, ...(roots ? { roots: {} } : {}), extensions: { [TASKS_EXTENSION]: {} } };
}
