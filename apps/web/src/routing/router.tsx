import { createRootRoute, createRoute, createRouter } from "@tanstack/react-router";
import { Shell } from "./Shell";
import { parseSearchString, stringifySearch, validateViewSearch } from "./viewUrl";

/**
 * The routes of the single page: `/`, `/sessions/$sessionId` and
 * `/sessions/$sessionId/frames/$seq`, all rendering the one workbench. The query string
 * carries the rest of the view (see `ViewState`) as plain readable parameters; unknown
 * parameters (a `token=`) are dropped by `validateViewSearch` and never written back.
 */
const rootRoute = createRootRoute({ component: Shell, validateSearch: validateViewSearch });
const indexRoute = createRoute({ getParentRoute: () => rootRoute, path: "/" });
const sessionRoute = createRoute({ getParentRoute: () => rootRoute, path: "/sessions/$sessionId" });
const frameRoute = createRoute({ getParentRoute: () => sessionRoute, path: "/frames/$seq" });

const routeTree = rootRoute.addChildren([indexRoute, sessionRoute.addChildren([frameRoute])]);

/** Creates the app's router (TanStack Router, browser history). */
export function createAppRouter() {
  return createRouter({
    routeTree,
    parseSearch: parseSearchString,
    stringifySearch,
    // Any other path shows the workbench too; the sync writes the canonical URL back.
    notFoundMode: "root",
    defaultNotFoundComponent: () => null,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
