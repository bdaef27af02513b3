import { useMemo } from "react";
import CodeMirror from "@uiw/react-codemirror";
import { jsonSchema } from "codemirror-json-schema";

type EditorSchema = Parameters<typeof jsonSchema>[0];

interface Props {
  /** The JSON text being edited. */
  text: string;
  onChange: (text: string) => void;
  /** The schema the text is linted and completed against (JSON Schema). */
  schema: Record<string, unknown>;
  /** Accessible name of the editor's text box. */
  label: string;
  /** Id of an element describing the editor (its parse or validation message). */
  describedBy?: string;
}

/**
 * A CodeMirror 6 JSON editor with JSON-Schema linting, completion of property names and
 * values (Ctrl+Space), and hover help, from `codemirror-json-schema`.
 */
export function JsonEditor({ text, onChange, schema, label, describedBy }: Props) {
  const extensions = useMemo(() => jsonSchema(schema as EditorSchema), [schema]);
  return (
    <CodeMirror
      className="json-editor"
      value={text}
      onChange={onChange}
      extensions={extensions}
      basicSetup={{ foldGutter: true, highlightActiveLine: false, autocompletion: true }}
      minHeight="8em"
      maxHeight="28em"
      // The editable element carries the name, so getByRole("textbox", {name}) finds it.
      onCreateEditor={(view) => {
        view.contentDOM.setAttribute("aria-label", label);
        if (describedBy) view.contentDOM.setAttribute("aria-describedby", describedBy);
      }}
    />
  );
}
