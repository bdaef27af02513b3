import { App } from "../App";
import { useViewUrlSync } from "./useViewUrlSync";

/** The root route's component: the workbench, with its view kept in the address bar. */
export function Shell() {
  useViewUrlSync();
  return <App />;
}
