import { describe, expect, it } from "vitest";
import { numberAt } from "./jsonScan.js";

const at = (text: string) => numberAt(text, 0, text.length);

describe("numberAt", () => {
  it("gives exactly what Number() gives, for epoch times with decimals and numbers of every length", () => {
    const samples = ["0", "-0", "7", "-12.5", "1796322336826.312", "1796322336826.3125", "1796322336826.31257", "9007199254740991", "9007199254740993", "0.1", "0.30000000000000004", "123456789012345.6", "1e3", "-2.5E-7", "0.0000000000000000000000001"];
    // Epoch milliseconds with 0 to 6 decimals, as performance.timeOrigin + now() prints them.
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 2000; k++) samples.push((1.7e12 + random() * 1e11).toFixed(k % 7), String(1.7e12 + random() * 1e11));
    for (const text of samples) expect(Object.is(at(text), Number(text)), text).toBe(true);
  });

  it("is NaN for what is not a JSON number", () => {
    for (const text of ["", "-", "1.2.3", "12a", "Infinity", " 1"]) expect(at(text), text).toBeNaN();
  });
});
