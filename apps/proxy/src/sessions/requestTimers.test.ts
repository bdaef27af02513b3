import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RequestTimers } from "./requestTimers.js";

describe("RequestTimers", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const start = (settings: ConstructorParameters<typeof RequestTimers>[0], holding = false) => {
    const expired: string[] = [];
    const timers = new RequestTimers(settings, (reason) => expired.push(reason), holding);
    return { timers, expired };
  };

  it("expires after the idle time with no sign of life, once", () => {
    const { expired } = start({ idleMs: 100, resetOnProgress: true });
    vi.advanceTimersByTime(99);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(["Request timed out: no answer within 100 ms"]);
    vi.advanceTimersByTime(1000);
    expect(expired).toHaveLength(1);
  });

  it("restarts the idle time on progress only when told to", () => {
    const reset = start({ idleMs: 100, resetOnProgress: true });
    const kept = start({ idleMs: 100, resetOnProgress: false });
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(80);
      reset.timers.progress();
      kept.timers.progress();
    }
    expect(reset.expired).toEqual([]);
    expect(kept.expired).toHaveLength(1);
  });

  it("holds the idle time while a person answers, and gives the full time again after", () => {
    const { timers, expired } = start({ idleMs: 100, resetOnProgress: true });
    vi.advanceTimersByTime(90);
    timers.hold(true);
    vi.advanceTimersByTime(10_000);
    expect(expired).toEqual([]);
    timers.hold(false);
    vi.advanceTimersByTime(99);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toHaveLength(1);
  });

  it("starts held when the inbox is already waiting on a person", () => {
    const { timers, expired } = start({ idleMs: 100, resetOnProgress: true }, true);
    vi.advanceTimersByTime(500);
    expect(expired).toEqual([]);
    timers.hold(false);
    vi.advanceTimersByTime(100);
    expect(expired).toHaveLength(1);
  });

  it("never holds or resets the maximum total timeout", () => {
    const { timers, expired } = start({ idleMs: 100, resetOnProgress: true, maxTotalMs: 250 });
    timers.hold(true);
    vi.advanceTimersByTime(249);
    timers.progress();
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(["Request timed out: the maximum total timeout of 250 ms passed"]);
  });

  it("does nothing once cleared", () => {
    const { timers, expired } = start({ idleMs: 100, resetOnProgress: true, maxTotalMs: 200 });
    timers.clear();
    timers.hold(false);
    timers.restart();
    vi.advanceTimersByTime(1000);
    expect(expired).toEqual([]);
  });
});
