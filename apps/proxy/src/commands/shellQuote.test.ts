import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { shellQuote } from "./shellQuote.js";

describe("shellQuote", () => {
  it.each([
    ["node", "node"],
    ["/usr/bin/node", "/usr/bin/node"],
    ["touch /tmp/x", "'touch /tmp/x'"],
    ["it's", "'it'\\''s'"],
    ["a\x1b[2Kb", "$'a\\x1b[2Kb'"],
    ["safe\u202Eexe.sh", "$'safe\\u{202e}exe.sh'"],
    ["line\nbreak 'q' \\", "$'line\\x0abreak \\'q\\' \\\\'"],
  ])("quotes %j as %s", (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });

  it("gives back the same word through a real shell", () => {
    for (const word of ["touch /tmp/x", "it's", "a\x1b[2Kb", "line\nbreak 'q' \\", "tab\there"]) {
      expect(execFileSync("/bin/bash", ["-c", `printf %s ${shellQuote(word)}`], { encoding: "utf8" })).toBe(word);
    }
  });
});
