import { homedir } from "node:os";
import { join } from "node:path";

/** The default data directory: XDG's state directory (XDG Base Directory Specification). */
export function defaultDataDir(): string {
  return join(process.env.XDG_STATE_HOME || join(homedir(), ".local", "state"), "mcpscope");
}
