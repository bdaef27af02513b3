import { hash, randomBytes, timingSafeEqual } from "node:crypto";

/** A new random token: 32 bytes, base64url (43 characters). */
export function generateToken(): string {
  return randomBytes(32).toString("base64url");
}

const expectedDigests = new Map<string, Buffer>();

/**
 * Compares a presented token with the expected one in constant time. Both are hashed
 * first, so neither the length nor the content leaks through timing.
 */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  let b = expectedDigests.get(expected);
  if (!b) expectedDigests.set(expected, (b = hash("sha256", expected, "buffer")));
  const a = hash("sha256", presented, "buffer");
  return timingSafeEqual(a, b);
}
