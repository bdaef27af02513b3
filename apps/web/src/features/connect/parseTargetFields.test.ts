import { describe, expect, it } from "vitest";
import { checkClientMetadataUrl, checkServerUrl, parseArgumentLines, parseEnvLines, parseHeaderLines } from "./parseTargetFields";

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

describe("parseHeaderLines", () => {
  it("reads Name: value lines, keeping ':' inside values and trimming them", () => {
    expect(parseHeaderLines("Authorization: Bearer a:b \n# c\n\nX-Key:v\r\n")).toEqual({ Authorization: "Bearer a:b", "X-Key": "v" });
  });
  it("names the line that is not a header", () => {
    expect(() => parseHeaderLines("A: 1\nno colon")).toThrow(/line 2/);
    expect(() => parseHeaderLines("bad name: v")).toThrow(/line 1/);
  });
});

describe("checkServerUrl", () => {
  it("accepts http and https URLs, trimmed", () => {
    expect(checkServerUrl(" http://127.0.0.1:3001/mcp ")).toBe("http://127.0.0.1:3001/mcp");
  });
  it("refuses other schemes and non-URLs", () => {
    expect(() => checkServerUrl("ftp://x")).toThrow(/http/);
    expect(() => checkServerUrl("localhost:3001")).toThrow();
    expect(() => checkServerUrl("mcp")).toThrow(/full URL/);
  });
});

describe("checkClientMetadataUrl", () => {
  it("accepts https URLs with a path, and http on loopback", () => {
    expect(checkClientMetadataUrl(" https://app.example/oauth/client.json ")).toBe("https://app.example/oauth/client.json");
    expect(checkClientMetadataUrl("http://127.0.0.1:8080/client.json")).toBe("http://127.0.0.1:8080/client.json");
  });
  it("refuses http off loopback, a bare origin and non-URLs, saying why", () => {
    expect(() => checkClientMetadataUrl("http://app.example/client.json")).toThrow(/must be https/);
    expect(() => checkClientMetadataUrl("https://app.example/")).toThrow(/needs a path/);
    expect(() => checkClientMetadataUrl("client.json")).toThrow(/full URL/);
  });
});
