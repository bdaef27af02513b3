import { getTemplate, getUiOptions, type FieldTemplateProps } from "@rjsf/utils";

/**
 * RJSF's field template with the required marker hidden from assistive technology, so a
 * field's accessible name is exactly its schema title or property key (the input carries
 * `required` itself).
 */
export function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, children, errors, help, description, hidden, required, displayLabel, registry, uiSchema, classNames } = props;
  const uiOptions = getUiOptions(uiSchema);
  const WrapIfAdditionalTemplate = getTemplate("WrapIfAdditionalTemplate", registry, uiOptions);
  if (hidden) return <div className="hidden">{children}</div>;
  const isCheckbox = uiOptions.widget === "checkbox";
  return (
    <WrapIfAdditionalTemplate {...props} classNames={classNames}>
      {displayLabel && !isCheckbox && label && (
        <label className="control-label" htmlFor={id}>
          {label}
          {required && (
            <span className="required" aria-hidden="true" title="required">
              *
            </span>
          )}
        </label>
      )}
      {displayLabel && description ? description : null}
      {children}
      {errors}
      {help}
    </WrapIfAdditionalTemplate>
  );
}
