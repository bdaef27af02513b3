import { lazy, Suspense } from "react";
import type { AppViewProps } from "./AppView";

export type { AppViewProps } from "./AppView";

const Impl = lazy(() => import("./AppView"));

/**
 * `AppView` loaded on demand: the app host (the ext-apps bridge and the MCP client it builds
 * on) is loaded the first time an app renders, never with the first paint.
 */
export function LazyAppView(props: AppViewProps) {
  return (
    <Suspense fallback={<p className="muted small pad">Loading the app host…</p>}>
      <Impl {...props} />
    </Suspense>
  );
}
