// A stdio MCP server for tests (run with tsx): serveStdio over buildModernServer. With
// MODERN_ONLY=1 it refuses handshake-era openings (initialize answered -32022, naming
// 2026-07-28), like a server that speaks only the stateless revision. START_DELAY_MS delays
// reading stdin, like a server slow to start.
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { buildModernServer } from "./modernServer.js";

setTimeout(() => serveStdio(() => buildModernServer(), { legacy: process.env.MODERN_ONLY === "1" ? "reject" : "serve" }), Number(process.env.START_DELAY_MS ?? 0));
