import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The mcpscope processes the tests start keep their V8 code cache (`$XDG_CACHE_HOME/mcpscope/v8`)
 * in a directory of this run, removed when it ends, not in the user's ~/.cache: every packed
 * copy of the CLI a test installs in a temporary directory would leave a cache file there.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "mcpscope-test-cache-"));
  process.env.XDG_CACHE_HOME = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
