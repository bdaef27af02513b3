import { lazy, Suspense } from "react";
import type { SchemaFormProps } from "./SchemaForm";

export type { FormValue, SchemaFormProps } from "./SchemaForm";

/** Loads the form's code (RJSF and its validator) — at once after the first paint, not with it. */
export const loadSchemaForm = () => import("./SchemaForm");

const Impl = lazy(() => loadSchemaForm().then((m) => ({ default: m.SchemaForm })));

/**
 * `SchemaForm` loaded on demand: RJSF is the largest part of the app, and the first paint
 * (sessions, timeline) needs none of it. Same props; "Loading the form…" until it is there.
 */
export function SchemaForm(props: SchemaFormProps) {
  return (
    <Suspense fallback={<p className="muted small pad">Loading the form…</p>}>
      <Impl {...props} />
    </Suspense>
  );
}
