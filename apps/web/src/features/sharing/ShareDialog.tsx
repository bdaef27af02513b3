import { useEffect, useRef } from "react";
import { useMutation } from "@tanstack/react-query";
import { describeError } from "../../api/apiRequestError";
import { restClient } from "../../api/restClient";
import { useCopied } from "../servers/useCopied";
import "./sharing.css";
import { ErrorAlert } from "../../components/ErrorAlert";

/**
 * Dialog "Share this mcpscope": asks `POST /api/share` for a read-only viewer link and shows
 * it with a copy button. Viewers watch live and follow the presenter; they cannot send.
 */
export function ShareDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const copied = useCopied();
  const share = useMutation({ mutationFn: restClient.share });
  const { mutate } = share;
  const error = share.isError ? describeError(share.error) : undefined;

  useEffect(() => {
    if (!ref.current?.open) ref.current?.showModal();
    mutate();
  }, [mutate]);

  return (
    <dialog ref={ref} className="modal-dialog share-dialog" aria-labelledby="share-title" onClose={onClose}>
      <h2 id="share-title" className="pane-title">
        Share this mcpscope
      </h2>
      {share.isPending && <p className="muted small">Creating a viewer link…</p>}
      <ErrorAlert error={error} />
      {share.data && (
        <>
          <label className="share-field">
            <span>Viewer link</span>
            <input type="text" readOnly value={share.data.viewerUrl} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => void copied.copy(share.data.viewerUrl)}>
              {copied.copied ? "Copied" : "Copy link"}
            </button>
            <span role="status" className="small muted">
              {copied.copied ? "Link copied to the clipboard." : (copied.error ?? "")}
            </span>
          </div>
          <p className="help">
            Anyone who opens this link watches every session live and follows what you select (session, tool, frame). Viewers can watch but
            not send: running tools, sending messages, connecting and deleting are refused for them. The link works while this mcpscope runs.
          </p>
        </>
      )}
      <div className="form-actions share-close">
        <button type="button" className="small" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
