import { useQuery } from "@tanstack/react-query";
import { restClient } from "../../api/restClient";
import { heldTools } from "../sharing/useListedToolsRefresh";
import { useMeQuery } from "../sharing/useMe";
import { useSession } from "../../api/sessionsCache";
import { useCacheHintStore } from "../sidebar/cacheHint";
import type { Tool } from "./toolTypes";

const MAX_PAGES = 100;

/** Every tool of a session, following `nextCursor` pagination of `tools/list`. */
export async function listAllTools(sessionId: string): Promise<Tool[]> {
  const tools: Tool[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await restClient.sendRequest(sessionId, { method: "tools/list", params: cursor ? { cursor } : undefined });
    if ("error" in answer) throw new Error(`tools/list failed: protocol error ${answer.error.code}: ${answer.error.message}`);
    const result = answer.result as { tools?: Tool[]; nextCursor?: string };
    if (page === 0) useCacheHintStore.getState().record(sessionId, "tools", result);
    tools.push(...(result.tools ?? []));
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return tools;
}

/**
 * The tool list of a session (react-query key `['tools', sessionId]`). A viewer cannot send
 * `tools/list`, nor can anyone in a tapped session: the list is read from the session's
 * frames held in the page instead (kept current by `useListedToolsRefresh`).
 */
export function useTools(sessionId: string | undefined, enabled: boolean) {
  const me = useMeQuery();
  const tapped = useSession(sessionId)?.tap !== undefined;
  const viewer = me.data?.role === "viewer" || tapped;
  return useQuery({
    queryKey: ["tools", sessionId],
    queryFn: async () => (viewer ? heldTools(sessionId!) : listAllTools(sessionId!)),
    enabled: enabled && sessionId !== undefined && !me.isPending,
    staleTime: Infinity,
  });
}
