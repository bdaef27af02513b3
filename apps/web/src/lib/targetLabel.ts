import type { SessionInfo, TransportKind } from "@mcpscope/protocol";

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

/** The command (last path segment) or URL of a session's target, for a second line under its label. */
export function targetShort(session: SessionInfo): string {
  const target = session.target;
  if (target.transport === "stdio") {
    const command = target.command.split(/[\\/]/).pop() || target.command;
    const script = target.args.find((a) => !a.startsWith("-"));
    return script ? `${command} ${script.split(/[\\/]/).pop()}` : command;
  }
  return target.url;
}

const TRANSPORT_NAMES: Record<TransportKind, string> = { stdio: "stdio", "streamable-http": "Streamable HTTP", sse: "SSE" };

/** The transport as people name it: "stdio", "Streamable HTTP", "SSE". */
export function transportName(kind: TransportKind): string {
  return TRANSPORT_NAMES[kind];
}

/**
 * Labels for a list of sessions, unique within it: sessions that share a label get " (2)",
 * " (3)" … in creation order, so the oldest keeps the plain label.
 */
export function uniqueSessionLabels(sessions: SessionInfo[]): Map<string, string> {
  const byLabel = new Map<string, SessionInfo[]>();
  for (const s of [...sessions].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))) {
    const label = targetLabel(s);
    const group = byLabel.get(label) ?? [];
    group.push(s);
    byLabel.set(label, group);
  }
  const labels = new Map<string, string>();
  for (const [label, group] of byLabel) group.forEach((s, i) => labels.set(s.id, i === 0 ? label : `${label} (${i + 1})`));
  return labels;
}
