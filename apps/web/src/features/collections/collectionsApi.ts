import type { Collection, CollectionItemInput, CollectionList, CollectionRun } from "@mcpscope/protocol/types";
import { request } from "../../api/restClient";

const enc = encodeURIComponent;

/** A collection as `GET /api/collections/:id` answers it: the file's content and its id. */
export type CollectionWithId = Collection & { id: string };

/** The REST calls of the Collections tab (`/api/collections`, see the README's API section). */
export const collectionsApi = {
  /** `GET /api/collections`: the directory and every collection in it. */
  list: () => request<CollectionList>("GET", "/api/collections"),
  /** `GET /api/collections/:id`. */
  get: (id: string) => request<CollectionWithId>("GET", `/api/collections/${enc(id)}`),
  /** `POST /api/collections/:id/items`: adds (or, with `replace`, replaces) an item; creates the collection. */
  saveItem: (id: string, body: { collectionName?: string; item: CollectionItemInput; replace?: boolean }) =>
    request<CollectionWithId>("POST", `/api/collections/${enc(id)}/items`, body),
  /** `DELETE /api/collections/:id/items/:name`. */
  deleteItem: (id: string, name: string) => request<void>("DELETE", `/api/collections/${enc(id)}/items/${enc(name)}`),
  /** `POST /api/collections/:id/run`: runs the items (all, or those named) on a session. */
  run: (id: string, sessionId: string, items?: string[]) => request<CollectionRun>("POST", `/api/collections/${enc(id)}/run`, { sessionId, ...(items ? { items } : {}) }),
};
