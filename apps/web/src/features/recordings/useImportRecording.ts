import { useMutation } from "@tanstack/react-query";
import { restClient } from "../../api/restClient";
import { addSession } from "../../api/sessionsSync";
import { useSessionsStore } from "../../stores/sessionsStore";

/** Largest file read in the browser; the proxy accepts up to 1 GiB. */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

async function importFile(file: File) {
  if (file.size > MAX_IMPORT_BYTES) throw new Error(`${file.name} is larger than 1 GiB, the most mcpscope imports. Open it with "mcpscope view ${file.name}" instead.`);
  const text = await file.text();
  if (text.trim() === "") throw new Error(`${file.name} is empty. Import a .jsonl recording exported by mcpscope.`);
  return restClient.importRecording(text);
}

/**
 * Imports a recording file (`POST /api/recordings`, JSON Lines) and selects the session it
 * opened, read-only, in the same timeline. Errors: the proxy's 400 "Not an mcpscope
 * recording" with its hint, or a local one for empty or oversized files.
 */
export function useImportRecording() {
  return useMutation({
    mutationFn: importFile,
    onSuccess: (session) => {
      addSession(session);
      useSessionsStore.getState().select(session.id);
    },
  });
}
