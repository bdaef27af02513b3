import type { IconButtonProps } from "@rjsf/utils";

/** The item number (1-based) in an array item button's id (`…_2__remove` → 3), if any. */
function itemNumber(id: string | undefined): number | undefined {
  const match = id ? /_(\d+)__(?:remove|moveUp|moveDown|copy)$/.exec(id) : null;
  return match ? Number(match[1]) + 1 : undefined;
}

/** A button with visible text instead of RJSF's Glyphicon icons (no icon font is loaded). */
function TextButton({ text, label: base, props }: { text: string; label: string; props: IconButtonProps }) {
  const { id, className, onClick, disabled, style } = props;
  const n = itemNumber(id);
  const label = n === undefined ? base : base.replace("item", `item ${n}`);
  return (
    <button type="button" id={id} className={`ghost small form-button ${className ?? ""}`} onClick={onClick} disabled={disabled} style={style} aria-label={label} title={label}>
      {text}
    </button>
  );
}

/**
 * RJSF button templates: "Add item" under arrays and maps, and per array item "Move item 2
 * up", "Move item 2 down", "Copy item 2" and "Remove item 2" (a map entry's is "Remove item").
 */
export const buttonTemplates = {
  AddButton: (p: IconButtonProps) => (
    <div className="form-add">
      <TextButton text="+ Add item" label="Add item" props={p} />
    </div>
  ),
  MoveUpButton: (p: IconButtonProps) => <TextButton text="↑" label="Move item up" props={p} />,
  MoveDownButton: (p: IconButtonProps) => <TextButton text="↓" label="Move item down" props={p} />,
  CopyButton: (p: IconButtonProps) => <TextButton text="Copy" label="Copy item" props={p} />,
  RemoveButton: (p: IconButtonProps) => <TextButton text="✕" label="Remove item" props={p} />,
};
