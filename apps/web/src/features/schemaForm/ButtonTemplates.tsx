import type { IconButtonProps } from "@rjsf/utils";

/** A button with visible text instead of RJSF's Glyphicon icons (no icon font is loaded). */
function TextButton({ text, label, props }: { text: string; label: string; props: IconButtonProps }) {
  const { id, className, onClick, disabled, style } = props;
  return (
    <button type="button" id={id} className={`ghost small form-button ${className ?? ""}`} onClick={onClick} disabled={disabled} style={style} aria-label={label} title={label}>
      {text}
    </button>
  );
}

/**
 * RJSF button templates: "Add item" under arrays and maps, and per item "Move up",
 * "Move down", "Copy" and "Remove", each with an accessible name.
 */
export const buttonTemplates = {
  AddButton: (p: IconButtonProps) => (
    <div className="form-add">
      <TextButton text="+ Add item" label="Add item" props={p} />
    </div>
  ),
  MoveUpButton: (p: IconButtonProps) => <TextButton text="↑" label="Move up" props={p} />,
  MoveDownButton: (p: IconButtonProps) => <TextButton text="↓" label="Move down" props={p} />,
  CopyButton: (p: IconButtonProps) => <TextButton text="Copy" label="Copy item" props={p} />,
  RemoveButton: (p: IconButtonProps) => <TextButton text="✕" label="Remove" props={p} />,
};
