/**
 * Quotes one word for a POSIX shell: as it is when it has only safe characters, else in
 * single quotes (a `'` inside becomes `'\''`). For command lines shown to a person to copy.
 */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
