import { useQuery } from "@tanstack/react-query";
import type { Me } from "@mcpscope/protocol";
import { restClient } from "../../api/restClient";

/**
 * `GET /api/me` (react-query key `['me']`, read once per page): this page's role
 * (`presenter` holds the token, `viewer` came through a read-only share link) and whether
 * mcpscope listens on a non-loopback address. Undefined while loading or on error.
 */
export function useMe(): Me | undefined {
  return useMeQuery().data;
}

/** The `GET /api/me` query itself, for callers that must wait until the role is known. */
export function useMeQuery() {
  return useQuery({ queryKey: ["me"], queryFn: restClient.me, staleTime: Infinity, retry: 1 });
}

/** True when this page came through a viewer link: it can watch, never send. */
export function useIsViewer(): boolean {
  return useMe()?.role === "viewer";
}
