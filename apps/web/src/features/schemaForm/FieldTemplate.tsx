import { getTemplate, getUiOptions, type FieldTemplateProps } from "@rjsf/utils";

/**
 * RJSF's field template with the required marker hidden from assistive technology, so a
 * field's accessible name is exactly its schema title or property key (the input carries
 * `required` itself); a `oneOf`/`anyOf` field's label names its option select.
 */
export function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, children, errors, help, description, hidden, required, displayLabel, registry, uiSchema, classNames, schema } = props;
  const uiOptions = getUiOptions(uiSchema);
  const WrapIfAdditionalTemplate = getTemplate("WrapIfAdditionalTemplate", registry, uiOptions);
  if (hidden) return <div className="hidden">{children}</div>;
  const isCheckbox = uiOptions.widget === "checkbox";
  // A oneOf/anyOf that is not a plain select renders an option select first: the label names it.
  const composite = !registry.schemaUtils.isSelect(schema) ? (schema.oneOf ? "oneof" : schema.anyOf ? "anyof" : undefined) : undefined;
  const labelFor = composite ? `${id}__${composite}_select` : id;
  return (
    // eslint-disable-next-line react-hooks/static-components -- getTemplate looks up a component of the registry; it creates none
    <WrapIfAdditionalTemplate {...props} classNames={classNames}>
      {displayLabel && !isCheckbox && label && (
        <label className="control-label" htmlFor={labelFor}>
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
