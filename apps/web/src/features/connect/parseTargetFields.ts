/** One argument per line; blank lines are dropped, other lines kept verbatim. */
export function parseArgumentLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/\r$/, ""))
    .filter((line) => line.trim() !== "");
}

/**
 * `KEY=VALUE` per line (blank lines and `#` comments ignored).
 * @throws Error naming the first line that has no `=` or an empty key.
 */
export function parseEnvLines(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const eq = trimmed.indexOf("=");
    if (eq <= 0) throw new Error(`Environment line ${i + 1} is not KEY=VALUE: "${trimmed}".`);
    env[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1);
  });
  return env;
}
