import { useEffect, useRef, useSyncExternalStore } from "react";
import { useRouter, useRouterState } from "@tanstack/react-router";
import { applyView, storesHref, subscribeViewStores } from "./viewStores";
import { isNewPlace, routeFromView, viewFromHref, viewHref } from "./viewUrl";

/**
 * Keeps the address bar and the stores showing the same view, both ways:
 * - the URL changed (a link opened, reload, back/forward): the stores select what it names;
 * - the stores changed (a click): the URL follows, pushing a history entry for a new place
 *   and replacing it while a filter is typed or when the page picked its first session.
 * The URL is rewritten in canonical form at once: a `token=` or unknown parameter is gone.
 * The location is read as the router committed it (matches resolve a moment later).
 */
export function useViewUrlSync(): void {
  const router = useRouter();
  const actualHref = useRouterState({ select: (s) => s.location.pathname + s.location.searchStr });
  const urlHref = viewHref(viewFromHref(actualHref));
  const storeHref = useSyncExternalStore(subscribeViewStores, storesHref);
  const synced = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (urlHref !== synced.current) {
      synced.current = urlHref;
      applyView(viewFromHref(urlHref));
      if (actualHref !== urlHref) void router.navigate({ ...routeFromView(viewFromHref(urlHref)), replace: true });
      return;
    }
    if (storeHref !== synced.current) {
      const from = viewFromHref(synced.current);
      const to = viewFromHref(storeHref);
      synced.current = storeHref;
      void router.navigate({ ...routeFromView(to), replace: from.session === undefined || !isNewPlace(from, to) });
    }
  }, [urlHref, storeHref, actualHref, router]);
}
