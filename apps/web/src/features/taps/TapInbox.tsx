import { useState, type KeyboardEvent } from "react";
import type { SessionInfo } from "@mcpscope/protocol";
import { useTimelineStore } from "../../stores/timelineStore";
import { useServerRequests } from "./useServerRequests";
import "./taps.css";

const LABELS: Record<string, string> = {
  "sampling/createMessage": "Sampling",
  "elicitation/create": "Elicitation",
  "roots/list": "Roots",
  ping: "Ping",
};

/**
 * The inbox of a tapped session: the server's requests to the client (sampling, elicitation,
 * roots …) as they crossed the wire, each "answered by the client" or waiting for it. mcpscope
 * is not the client here, so nothing is answered from the page: a request and its answer are
 * frames, and "Show" selects the request in the timeline.
 */
export function TapInbox({ session }: { session: SessionInfo }) {
  const items = useServerRequests(session.id);
  const [open, setOpen] = useState(false);
  const waiting = items.filter((i) => i.answerSeq === undefined).length;
  const select = useTimelineStore((s) => s.select);
  const setTab = useTimelineStore((s) => s.setTab);
  const client = session.tap?.client?.name ?? "the client";
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") setOpen(false);
  };

  return (
    <div className="inbox" onKeyDown={onKeyDown}>
      <button
        type="button"
        className={`small inbox-button${waiting > 0 ? " has-pending" : ""}`}
        aria-label={`Inbox, ${items.length} server requests, ${waiting} waiting for the client`}
        aria-expanded={open}
        aria-controls="tap-inbox-panel"
        onClick={() => setOpen(!open)}
      >
        Inbox
        <span className={`inbox-count${waiting > 0 ? " pending" : ""}`} aria-hidden="true">
          {items.length}
        </span>
      </button>
      <section id="tap-inbox-panel" className="inbox-panel" aria-label="Inbox" hidden={!open}>
        <div className="pane-head">
          <h2 className="pane-title">Inbox</h2>
          <span className="muted small">{waiting > 0 ? `${waiting} waiting for ${client}` : `${items.length} answered by ${client}`}</span>
          <span className="spacer" />
          <button type="button" className="ghost small" onClick={() => setOpen(false)}>
            Close inbox
          </button>
        </div>
        <p className="muted small pad">This session is tapped: {client} answers the server’s requests, and mcpscope shows what they said.</p>
        {items.length === 0 ? (
          <p className="muted small pad">The server has sent the client no request yet.</p>
        ) : (
          <ul className="tap-inbox-items">
            {items.map((item) => (
              <li key={item.seq} className="tap-inbox-item">
                <span className="tap-inbox-method">{LABELS[item.method] ?? item.method}</span>
                <code className="muted small">{item.method}</code>
                <span className={`badge ${item.answerSeq === undefined ? "pending" : item.answerKind === "error" ? "error" : "ok"}`}>
                  {item.answerSeq === undefined ? "waiting for the client" : item.answerKind === "error" ? "refused by the client" : "answered by the client"}
                </span>
                <button type="button" className="ghost small" aria-label={`Show ${item.method} request #${item.seq} in the timeline`} onClick={() => {
                    setTab("frames");
                    select(session.id, item.seq, true);
                  }}>
                  Show
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
