import { describe, expect, it } from "vitest";
import { expandUriTemplate, templateVariables } from "./uriTemplate";

describe("templateVariables", () => {
  it("lists each variable once, in order, across operators", () => {
    expect(templateVariables("demo://resource/dynamic/text/{resourceId}")).toEqual(["resourceId"]);
    expect(templateVariables("file:///{+path}{?page,size}{&page}")).toEqual(["path", "page", "size"]);
    expect(templateVariables("demo://static")).toEqual([]);
  });
});

describe("expandUriTemplate", () => {
  it("expands simple, reserved and query variables, percent-encoding simple ones", () => {
    expect(expandUriTemplate("demo://resource/dynamic/text/{resourceId}", { resourceId: "3" })).toEqual({ uri: "demo://resource/dynamic/text/3" });
    expect(expandUriTemplate("demo://x/{name}", { name: "a b/c" })).toEqual({ uri: "demo://x/a%20b%2Fc" });
    expect(expandUriTemplate("file:///{+path}", { path: "a/b c" })).toEqual({ uri: "file:///a/b%20c" });
    expect(expandUriTemplate("demo://q{?page,size}", { page: "2", size: "" })).toEqual({ uri: "demo://q?page=2" });
  });

  it("answers an error for a malformed template", () => {
    const out = expandUriTemplate("demo://{unclosed", {});
    expect("error" in out && out.error).toContain("demo://{unclosed");
  });
});

describe("templateVariables with modifiers", () => {
  it("drops prefix and explode modifiers, and refuses a malformed template", () => {
    expect(templateVariables("demo://{id:3}/{list*}{#frag}")).toEqual(["id", "list", "frag"]);
    expect(() => templateVariables("demo://{unclosed")).toThrow();
  });
});
