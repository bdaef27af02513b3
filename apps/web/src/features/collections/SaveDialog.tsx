import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { collectionIdFor } from "@mcpscope/protocol/types";
import { describeError } from "../../api/apiRequestError";
import { ErrorAlert } from "../../components/ErrorAlert";
import { assertionsOf, draftFor, type AssertionDraft } from "./assertionDraft";
import { collectionsApi } from "./collectionsApi";
import type { SaveSource } from "./saveSource";
import "./collections.css";

const NEW = "\u0000new";

/**
 * Dialog "Save to collection": picks a collection (or names a new one), names the item and
 * chooses its assertions (no error, equals this result, matches a JSON Schema, text
 * contains, latency under N ms; or, for an error answer, expects that JSON-RPC error), then
 * `POST /api/collections/:id/items`. An item of the same name is replaced, as the dialog says.
 */
export function SaveDialog({ source, onClose }: { source: SaveSource; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ["collections"], queryFn: collectionsApi.list });
  const collections = (list.data?.collections ?? []).filter((c) => !c.error);
  const [chosen, setChosen] = useState<string>();
  const [newName, setNewName] = useState("");
  const [itemName, setItemName] = useState(source.suggestedName);
  const [draft, setDraft] = useState<AssertionDraft>(() => draftFor(source));
  const [problem, setProblem] = useState<string>();
  const collectionId = chosen === undefined ? (collections[0]?.id ?? NEW) : chosen;
  const isNew = collectionId === NEW;
  const existing = collections.find((c) => c.id === collectionId);
  const replaces = existing?.items.some((i) => i.name === itemName.trim()) ?? false;
  const set = (patch: Partial<AssertionDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const save = useMutation({
    mutationFn: (body: Parameters<typeof collectionsApi.saveItem>[1] & { id: string }) => collectionsApi.saveItem(body.id, body),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ["collections"] });
      void queryClient.invalidateQueries({ queryKey: ["collection", saved.id] });
    },
  });
  const error = save.isError ? describeError(save.error) : undefined;

  useEffect(() => {
    if (!ref.current?.open) ref.current?.showModal();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = itemName.trim();
    if (!name) return setProblem("Name the item.");
    if (isNew && !newName.trim()) return setProblem("Name the new collection.");
    const checked = assertionsOf(draft, source);
    if ("problem" in checked) return setProblem(checked.problem);
    setProblem(undefined);
    const target = isNew ? collectionIdFor(newName) : collectionId;
    save.mutate({ id: target, ...(isNew ? { collectionName: newName.trim() } : {}), item: { name, method: source.method, params: source.params, assertions: checked.assertions }, replace: true });
  };

  const result = source.answer && "result" in source.answer ? source.answer.result : undefined;
  return (
    <dialog ref={ref} className="modal-dialog save-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form onSubmit={submit} className="save-form">
        <h2 id={`${id}-title`} className="pane-title">
          Save to collection
        </h2>
        <p className="muted small">
          <code>{source.method}</code> with its parameters, to run again from the Collections tab or with <code>mcpscope run</code>.
        </p>
        <div className="field">
          <label htmlFor={`${id}-collection`}>Collection</label>
          <select id={`${id}-collection`} value={collectionId} onChange={(e) => setChosen(e.target.value)}>
            {collections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value={NEW}>New collection…</option>
          </select>
        </div>
        {isNew && (
          <div className="field">
            <label htmlFor={`${id}-new`}>New collection name</label>
            <input id={`${id}-new`} value={newName} onChange={(e) => setNewName(e.target.value)} placeholder="Smoke tests" autoFocus />
            {newName.trim() && <span className="help">Saved as {collectionIdFor(newName)}.json in the collections directory.</span>}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-item`}>Item name</label>
          <input id={`${id}-item`} value={itemName} onChange={(e) => setItemName(e.target.value)} />
          {replaces && <span className="help">The collection has an item of this name: saving replaces it.</span>}
        </div>
        <fieldset className="save-assertions">
          <legend>Assertions</legend>
          {source.answer && "error" in source.answer ? (
            <Check label={`Expect JSON-RPC error ${source.answer.error.code}`} checked={draft.expectError} onChange={(v) => set({ expectError: v })} />
          ) : (
            <Check label="No error (no JSON-RPC error, no isError)" checked={draft.noError} onChange={(v) => set({ noError: v })} />
          )}
          {result && <Check label="Result equals this result" checked={draft.equals} onChange={(v) => set({ equals: v })} />}
          <Check label="Text contains" checked={draft.contains} onChange={(v) => set({ contains: v })}>
            {draft.contains && <input aria-label="Text the result must contain" value={draft.containsText} onChange={(e) => set({ containsText: e.target.value })} />}
          </Check>
          <Check label="Matches a JSON Schema" checked={draft.schema} onChange={(v) => set({ schema: v })}>
            {draft.schema && (
              <>
                <input aria-label="Where in the result (JSON Pointer)" placeholder="(the whole result)" value={draft.schemaPath} onChange={(e) => set({ schemaPath: e.target.value })} />
                <textarea aria-label="JSON Schema" rows={5} spellCheck={false} value={draft.schemaText} onChange={(e) => set({ schemaText: e.target.value })} />
              </>
            )}
          </Check>
          <Check label="Latency under" checked={draft.latency} onChange={(v) => set({ latency: v })}>
            {draft.latency && (
              <span className="save-latency">
                <input type="number" min={1} aria-label="Latency limit (ms)" value={draft.latencyMs} onChange={(e) => set({ latencyMs: e.target.value })} /> ms
              </span>
            )}
          </Check>
        </fieldset>
        {problem && (
          <p role="alert" className="form-invalid">
            {problem}
          </p>
        )}
        <ErrorAlert error={error} />
        {save.isSuccess && (
          <p role="status" className="small save-done">
            Saved “{save.variables.item.name}” to {save.data.name}.
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </button>
          <button type="button" onClick={() => ref.current?.close()}>
            {save.isSuccess ? "Close" : "Cancel"}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function Check({ label, checked, onChange, children }: { label: string; checked: boolean; onChange: (on: boolean) => void; children?: ReactNode }) {
  return (
    <div className="save-check">
      <label className="checkbox-label">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </label>
      {children}
    </div>
  );
}
