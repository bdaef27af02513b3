// `npm pack` / `pnpm pack` guard: refuses to pack a package without its build or its license.
import { existsSync } from "node:fs";

const missing = ["dist/main.cjs", "dist/web/index.html", "LICENSE", "README.md"].filter((f) => !existsSync(new URL(`../${f}`, import.meta.url)));
if (missing.length) {
  console.error(`mcpscope pack: missing ${missing.join(", ")}. Run \`pnpm pack:cli\` at the repository root (it builds first).`);
  process.exit(1);
}
