import { describe, expect, it } from "vitest";
import { issuesToErrorSchema } from "./validateWithAjv";

describe("issuesToErrorSchema", () => {
  it("puts each Ajv issue beside its field, root issues on the root", () => {
    expect(
      issuesToErrorSchema([
        { path: "/user/name", message: "must be string" },
        { path: "/people/0/a~1b", message: "must be integer" },
        { path: "/", message: "must NOT have additional properties" },
      ]),
    ).toEqual({
      user: { name: { __errors: ["must be string"] } },
      people: { 0: { "a/b": { __errors: ["must be integer"] } } },
      __errors: ["must NOT have additional properties"],
    });
  });
});
