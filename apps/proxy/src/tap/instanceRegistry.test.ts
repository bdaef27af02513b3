import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { instancesDir, registerInstance, runningInstances } from "./instanceRegistry.js";

const entry = (pid: number, startedAt: number) => ({ pid, url: `http://127.0.0.1:${pid % 60000}/?token=t${pid}`, origin: `http://127.0.0.1:${pid % 60000}`, token: `t${pid}`, version: "0.2.0", startedAt });

describe("the instance registry", () => {
  it("lists running mcpscopes newest first, and deletes entries of dead processes", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "mcpscope-registry-"));
    const remove = registerInstance(dataDir, entry(process.pid, 1000));
    const file = join(instancesDir(dataDir), `${process.pid}.json`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // The test runner's parent runs too, registered later; a dead pid is stale; junk is left alone unless its name is a pid.
    writeFileSync(join(instancesDir(dataDir), `${process.ppid}.json`), JSON.stringify(entry(process.ppid, 2000)));
    const dead = 2 ** 22 + 4321;
    writeFileSync(join(instancesDir(dataDir), `${dead}.json`), JSON.stringify(entry(dead, 3000)));
    writeFileSync(join(instancesDir(dataDir), "starting.lock"), "1");
    expect(runningInstances(dataDir).map((i) => i.pid)).toEqual([process.ppid, process.pid]);
    expect(readdirSync(instancesDir(dataDir)).sort()).toEqual([`${process.pid}.json`, `${process.ppid}.json`, "starting.lock"].sort());
    remove();
    expect(existsSync(file)).toBe(false);
  });

  it("skips an unreadable entry of a running process without deleting it, and leaves no partial file", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "mcpscope-registry-"));
    const remove = registerInstance(dataDir, entry(process.pid, 1000));
    expect(readdirSync(instancesDir(dataDir))).toEqual([`${process.pid}.json`]);
    // The parent runs: its entry, caught empty (as a reader could catch a file being written), stays.
    const torn = join(instancesDir(dataDir), `${process.ppid}.json`);
    writeFileSync(torn, "");
    expect(runningInstances(dataDir).map((i) => i.pid)).toEqual([process.pid]);
    expect(existsSync(torn)).toBe(true);
    // An unreadable entry named after a dead process is stale, and so is a dead process's half-written one.
    const dead = join(instancesDir(dataDir), `${2 ** 22 + 4322}.json`);
    writeFileSync(dead, "{");
    const deadPartial = join(instancesDir(dataDir), `.${2 ** 22 + 4323}.json.partial`);
    const livePartial = join(instancesDir(dataDir), `.${process.ppid}.json.partial`);
    writeFileSync(deadPartial, "{");
    writeFileSync(livePartial, "{");
    runningInstances(dataDir);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(deadPartial)).toBe(false);
    expect(existsSync(livePartial)).toBe(true);
    remove();
  });

  it("has nothing to list in a data directory without instances", () => {
    expect(runningInstances(mkdtempSync(join(tmpdir(), "mcpscope-registry-")))).toEqual([]);
  });
});
