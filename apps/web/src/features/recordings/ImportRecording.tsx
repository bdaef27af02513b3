import { useId } from "react";
import { describeError } from "../../api/apiRequestError";
import { useIsViewer } from "../sharing/useMe";
import { RecordingDropZone } from "./RecordingDropZone";
import { useImportRecording } from "./useImportRecording";
import "./recordings.css";

/**
 * Region "Import recording": a file picker for a `.jsonl` recording, and drag and drop of one
 * anywhere on the page (with a drop overlay). The imported session opens read-only and is
 * selected. Hidden for viewers (importing writes to the data directory).
 */
export function ImportRecording() {
  const id = useId();
  const viewer = useIsViewer();
  const importer = useImportRecording();
  const error = importer.isError ? describeError(importer.error) : undefined;
  if (viewer) return null;

  const pick = (file: File | undefined) => {
    if (file) importer.mutate(file);
  };
  return (
    <section aria-label="Import recording" className="import-recording">
      <input
        id={`${id}-file`}
        className="sr-only"
        type="file"
        accept=".jsonl,application/x-ndjson"
        disabled={importer.isPending}
        onChange={(e) => {
          pick(e.currentTarget.files?.[0]);
          e.currentTarget.value = "";
        }}
      />
      <label htmlFor={`${id}-file`} className="button-like small">
        {importer.isPending ? "Importing…" : "Import recording"}
      </label>
      <span className="muted small">or drop a .jsonl file on the page</span>
      {importer.isSuccess && (
        <p role="status" className="muted small">
          Imported {importer.variables?.name}: opened read-only.
        </p>
      )}
      {error && (
        <div role="alert" className="alert">
          <strong>Could not import {importer.variables?.name}: {error.message}</strong>
          {error.hint && <p>{error.hint}</p>}
        </div>
      )}
      <RecordingDropZone onFile={pick} />
    </section>
  );
}
