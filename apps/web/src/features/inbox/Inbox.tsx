import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { SessionInfo } from "@mcpscope/protocol";
import { useInbox } from "../../api/sessionsCache";
import { InboxEntry, inboxItemTitle } from "./InboxEntry";
import { UrlElicitationList } from "./UrlElicitationList";
import { useUrlElicitations } from "./useUrlElicitations";
import "./inbox.css";

/**
 * Button "Inbox, N pending" and region "Inbox": the server→client requests (sampling,
 * elicitation) of the session waiting for a person, as every watching browser sees them
 * (MCP 2025-11-25 "Client Features"). A new request opens the inbox, since a tool call is
 * waiting on it; an inbox opened that way closes again once it is empty.
 */
export function Inbox({ session }: { session: SessionInfo }) {
  // The WebSocket subscription pushes the inbox; a live session's is read once over REST in case it has not yet (a reload).
  const live = !session.recorded && session.status !== "closed" && session.status !== "failed";
  const items = useInbox(session.id, live);
  const urlElicitations = useUrlElicitations(session.id);
  const [open, setOpen] = useState(false);
  const [opener, setOpener] = useState<"user" | "request">();
  const [announce, setAnnounce] = useState("");
  const seen = useRef(new Set<string>());
  const button = useRef<HTMLButtonElement>(null);
  const count = items.length;
  const panelId = useId();

  useEffect(() => {
    const fresh = items.filter((i) => !seen.current.has(i.id));
    for (const i of fresh) seen.current.add(i.id);
    if (fresh.length > 0) {
      const newest = fresh[fresh.length - 1]!;
      setAnnounce(`${inboxItemTitle(newest)}${newest.app ? "" : " from the server"} is waiting for an answer.`);
      if (!open) {
        setOpen(true);
        setOpener("request");
      }
    } else if (items.length === 0 && open && opener === "request") {
      setOpen(false);
      setAnnounce("");
    }
    // An answered item takes the focused control with it: keep keyboard users in place.
    if (open && document.activeElement === document.body) button.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reacts to new or answered items only; `open` and `opener` are read as they are then
  }, [items]);

  // A tab in the background shows that something waits, e.g. "(1) mcpscope".
  useEffect(() => {
    if (count === 0) return;
    const before = document.title;
    document.title = `(${count}) ${before}`;
    return () => {
      document.title = before;
    };
  }, [count]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && open) close();
  };

  return (
    <div className="inbox" onKeyDown={onKeyDown}>
      <button
        type="button"
        ref={button}
        className={`small inbox-button${count > 0 ? " has-pending" : ""}`}
        aria-label={`Inbox, ${count} pending`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpen(!open);
          setOpener("user");
        }}
      >
        Inbox
        <span className={`inbox-count${count > 0 ? " pending" : ""}`} aria-hidden="true">
          {count}
        </span>
      </button>
      <span role="status" className="sr-only">
        {announce}
      </span>
      <section id={panelId} className="inbox-panel" aria-label="Inbox" hidden={!open}>
        <div className="pane-head">
          <h2 className="pane-title">Inbox</h2>
          <span className="muted small">{count === 0 ? "nothing pending" : `${count} pending`}</span>
          <span className="spacer" />
          <button type="button" className="ghost small" onClick={close}>
            Close inbox
          </button>
        </div>
        {items.some((i) => i.app) && (
          <p className="muted small pad">An MCP App is waiting for your approval: it gets your answer, and nothing happens without it.</p>
        )}
        {items.some((i) => !i.app) && (
          <p className="muted small pad">
            The server is waiting for these answers, and so is the request that led to them. mcpscope pauses that request’s timeout while
            something waits here{session.settings.maxTotalTimeoutMs !== undefined && (
              <> (its maximum total timeout of {session.settings.maxTotalTimeoutMs.toLocaleString()} ms still holds)</>
            )}
            ; the server may give up on its own.
          </p>
        )}
        {count === 0 ? (
          <p className="muted small pad">
            No server request is waiting. Sampling and elicitation requests the server sends show up here until someone answers them or the
            server cancels them.
          </p>
        ) : (
          <div className="inbox-items">
            {items.map((item, i) => (
              <InboxEntry key={item.id} item={item} index={i} />
            ))}
          </div>
        )}
        <UrlElicitationList items={urlElicitations} />
      </section>
    </div>
  );
}
