import type { TitleFieldProps } from "@rjsf/utils";

/**
 * RJSF's legend of an object or array field, with the required marker hidden from assistive
 * technology so the group's accessible name is exactly its title.
 */
export function TitleField({ id, title, required, optionalDataControl }: TitleFieldProps) {
  return (
    <legend id={id}>
      {title}
      {required && (
        <span className="required" aria-hidden="true" title="required">
          *
        </span>
      )}
      {optionalDataControl && <span className="pull-right">{optionalDataControl}</span>}
    </legend>
  );
}
