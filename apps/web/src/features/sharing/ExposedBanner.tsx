import { useMe } from "./useMe";
import "./sharing.css";

/**
 * A warning on every page while mcpscope listens on a non-loopback address (`--expose`):
 * whoever reaches it with a link can watch, and with the token run commands here.
 */
export function ExposedBanner() {
  const me = useMe();
  if (!me?.exposed) return null;
  const where = `${me.host.includes(":") ? `[${me.host}]` : me.host}${window.location.port ? `:${window.location.port}` : ""}`;
  return (
    <div role="alert" className="exposed-banner">
      <strong>mcpscope is reachable from the network at {where}</strong> — anyone with the link can watch every session, and anyone with the
      presenter’s token can start processes and run tools on this machine. Share viewer links only, and stop mcpscope when the demo is over.
    </div>
  );
}
