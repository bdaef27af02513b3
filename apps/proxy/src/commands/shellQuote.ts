/** Control, format (bidi overrides, zero-width) and line/paragraph separator characters. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * Quotes one word for a shell (bash, zsh), for command lines shown to a person to check and copy:
 * as it is when it has only safe characters; in single quotes (a `'` inside becomes `'\''`);
 * or, when it holds characters a terminal would not show as themselves (escape sequences,
 * bidi overrides, zero-width characters), as `$'…'` with those written as `\xHH` / `\u{H…}`,
 * so a recording cannot make its command look like another.
 */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(word)) return word;
  if (!INVISIBLE.test(word)) return `'${word.replaceAll("'", `'\\''`)}'`;
  let out = "";
  for (const char of word) {
    const code = char.codePointAt(0)!;
    if (char === "\\" || char === "'") out += `\\${char}`;
    else if (INVISIBLE.test(char)) out += code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
    else out += char;
  }
  return `$'${out}'`;
}
