import { describe, expect, it } from "vitest";
import { parseArgumentLines, parseEnvLines } from "./parseTargetFields";

describe("parseArgumentLines", () => {
  it("keeps one argument per line, verbatim, dropping blank lines", () => {
    expect(parseArgumentLines("-y\r\n@scope/server  \n\n--flag=a b\n")).toEqual(["-y", "@scope/server  ", "--flag=a b"]);
  });
});

describe("parseEnvLines", () => {
  it("reads KEY=VALUE lines, keeping '=' inside values, skipping comments", () => {
    expect(parseEnvLines("A=1\n# note\n\nB = x=y\n")).toEqual({ A: "1", B: " x=y" });
  });
  it("names the line that is not KEY=VALUE", () => {
    expect(() => parseEnvLines("A=1\noops")).toThrow(/line 2/);
    expect(() => parseEnvLines("=v")).toThrow(/line 1/);
  });
});
