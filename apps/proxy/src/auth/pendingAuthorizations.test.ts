import { describe, expect, it } from "vitest";
import { ApiFailure } from "../errors.js";
import { PendingAuthorizations } from "./pendingAuthorizations.js";

const ok = () => Promise.resolve({ ok: true as const, server: "s" });

describe("PendingAuthorizations", () => {
  it("hands a state to its session once", () => {
    const pending = new PendingAuthorizations();
    pending.add("state-1", "session-a", ok);
    expect(pending.take("state-1").sessionId).toBe("session-a");
    expect(() => pending.take("state-1")).toThrow(ApiFailure);
  });

  it("refuses a missing, unknown or expired state", () => {
    const pending = new PendingAuthorizations();
    pending.add("old", "session-a", ok, -1);
    for (const state of [null, "", "forged", "old"]) {
      expect(() => pending.take(state)).toThrow(expect.objectContaining({ code: "OAUTH_STATE_INVALID" }) as Error);
    }
  });

  it("forgets a session's states when it closes", () => {
    const pending = new PendingAuthorizations();
    pending.add("s1", "session-a", ok);
    pending.add("s2", "session-b", ok);
    pending.removeSession("session-a");
    expect(() => pending.take("s1")).toThrow(ApiFailure);
    expect(pending.take("s2").sessionId).toBe("session-b");
  });
});
