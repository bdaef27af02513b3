import { describe, expect, it } from "vitest";
import { RawSearch } from "./rawSearch.js";
import { escapeRaw, RawText } from "./rawText.js";

const TEXTS = [
  "plain text",
  'quote " inside',
  "back\\slash and \\n literally",
  "a real\nnewline and\ttab",
  "unicode ✓ é 😀",
  "control \u0001 char",
  "lone \ud800 surrogate",
  "",
  '{"jsonrpc":"2.0","method":"notifications/message"}',
  "N n \\N",
];
const NEEDLES = ["n", "N", "\n", "\\", "\\n", '"', 'e "', "✓ É", "\u0001", "u0001", "u", "0001", "jsonrpc", "surrogate", "ssage\"}", "text", "zzz"];

/** Escaped the way a writer other than JSON.stringify may: `\/` and `\uXXXX` for ordinary characters. */
function oddlyEscaped(raw: string): string {
  return escapeRaw(raw).replaceAll("/", "\\/").replaceAll("e", "\\u0065");
}

describe("RawSearch", () => {
  it("finds a needle in escaped blocks exactly where it is in the raw text, case-insensitively", () => {
    const raws = new RawText();
    const plainRaws = new RawText();
    const all: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (const [i, text] of TEXTS.entries()) {
        all.push(text);
        if ((i + round) % 5 === 0) raws.pushEscaped(oddlyEscaped(text));
        else if ((i + round) % 7 === 0) raws.pushPlain(text);
        else raws.pushEscaped(escapeRaw(text));
        plainRaws.pushPlain(text);
      }
      raws.seal();
    }
    for (let seq = 1; seq <= all.length; seq++) expect(raws.at(seq)).toBe(all[seq - 1]);
    for (const needle of NEEDLES) {
      const want = all.flatMap((t, i) => (new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i").test(t) ? [i + 1] : []));
      const search = new RawSearch(needle);
      const got: number[] = [];
      search.scan(raws, 1, all.length, (seq) => got.push(seq));
      expect(got, `needle ${JSON.stringify(needle)}`).toEqual(want);
      const plain: number[] = [];
      search.scan(plainRaws, 1, all.length, (seq) => plain.push(seq));
      expect(plain).toEqual(want);
      const part: number[] = [];
      search.scan(raws, 5, 20, (seq) => part.push(seq));
      expect(part).toEqual(want.filter((s) => s >= 5 && s <= 20));
    }
  });

  it("joins a long run of small blocks (a live stream's segments) and slices any range back out", () => {
    const raws = new RawText();
    for (let i = 1; i <= 50; i++) {
      raws.pushEscaped(escapeRaw(`row "${i}"`));
      if (i % 10 === 0) raws.seal();
    }
    const streamed = new RawText();
    for (let i = 1; i <= 100; i++) streamed.appendBlock(raws.escapedRange(((i - 1) % 50) + 1, ((i - 1) % 50) + 1));
    expect(streamed.count).toBe(100);
    for (let i = 1; i <= 100; i++) expect(streamed.at(i)).toBe(`row "${((i - 1) % 50) + 1}"`);
    const found: number[] = [];
    new RawSearch('ROW "4').scan(streamed, 1, 100, (seq) => found.push(seq));
    expect(found).toEqual([4, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 54, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99]);
    const range = raws.escapedRange(15, 37);
    const copy = new RawText();
    copy.appendBlock(range);
    expect(copy.count).toBe(23);
    for (let i = 0; i < 23; i++) expect(copy.at(i + 1)).toBe(`row "${15 + i}"`);
  });
});
