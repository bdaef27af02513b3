import type { SessionInfo } from "@mcpscope/protocol";

/** A short human name for what a session connects to: its name, server name, command or URL. */
export function targetLabel(session: SessionInfo): string {
  const target = session.target;
  if (target.name) return target.name;
  if (session.serverInfo?.name) return session.serverInfo.name;
  if (target.transport === "stdio") return target.command.split(/[\\/]/).pop() || target.command;
  return target.url;
}

/** The full command line or URL of a session's target. */
export function targetDescription(session: SessionInfo): string {
  const target = session.target;
  if (target.transport === "stdio") return [target.command, ...target.args].join(" ");
  return `${target.transport} ${target.url}`;
}
