import { describe, expect, it } from "vitest";
import { LineSplitter } from "./lineSplitter.js";

function collect() {
  const lines: Array<[string, number]> = [];
  const splitter = new LineSplitter((text, bytes) => lines.push([text, bytes]));
  return { lines, splitter };
}

describe("LineSplitter", () => {
  it("splits on newlines across chunk boundaries and counts bytes", () => {
    const { lines, splitter } = collect();
    splitter.push(Buffer.from('{"a":1}\n{"b"'));
    splitter.push(Buffer.from(":2}\n\n"));
    expect(lines).toEqual([['{"a":1}', 7], ['{"b":2}', 7], ["", 0]]);
    expect(splitter.bufferedBytes).toBe(0);
  });

  it("decodes a multi-byte UTF-8 character split between chunks", () => {
    const { lines, splitter } = collect();
    const bytes = Buffer.from("héllo €\n", "utf8");
    const cut = bytes.indexOf(0xe2) + 1; // inside the three bytes of €
    splitter.push(bytes.subarray(0, cut));
    splitter.push(bytes.subarray(cut));
    expect(lines).toEqual([["héllo €", bytes.length - 1]]);
  });

  it("returns an unterminated rest on flush", () => {
    const { lines, splitter } = collect();
    splitter.push(Buffer.from("done\npartial"));
    expect(lines).toEqual([["done", 4]]);
    expect(splitter.flush()).toEqual({ text: "partial", bytes: 7, oversized: false });
    expect(splitter.flush()).toBeUndefined();
  });
});

describe("LineSplitter with a line limit", () => {
  it("keeps only a preview of an oversized line, across chunks, and goes on after it", () => {
    const lines: Array<[string, number, boolean]> = [];
    const splitter = new LineSplitter((text, bytes, oversized) => lines.push([text, bytes, oversized]), 100_000);
    const big = Buffer.alloc(300_000, 0x61);
    splitter.push(Buffer.from("small\n"));
    splitter.push(big.subarray(0, 150_000));
    splitter.push(big.subarray(150_000));
    expect(splitter.bufferedBytes).toBeLessThanOrEqual(64 * 1024);
    splitter.push(Buffer.from("\nafter\n"));
    expect(lines.map(([t, b, o]) => [t.length, b, o])).toEqual([
      [5, 5, false],
      [64 * 1024, 300_000, true],
      [5, 5, false],
    ]);
  });

  it("catches an oversized line that arrives in one chunk", () => {
    const lines: Array<[number, boolean]> = [];
    const splitter = new LineSplitter((text, bytes, oversized) => lines.push([bytes, oversized]), 10);
    splitter.push(Buffer.from("0123456789ABCDEF\nok\n"));
    expect(lines).toEqual([
      [16, true],
      [2, false],
    ]);
  });
});
