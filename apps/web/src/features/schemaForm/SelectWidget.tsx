import { getDefaultRegistry } from "@rjsf/core";
import type { ComponentType } from "react";
import type { WidgetProps } from "@rjsf/utils";

const defaults = getDefaultRegistry().widgets;
const DefaultSelect = defaults.SelectWidget as ComponentType<WidgetProps>;
const CheckboxesWidget = defaults.CheckboxesWidget as ComponentType<WidgetProps>;

/**
 * RJSF's select, except for a multiple choice (an array of `enum` items with
 * `uniqueItems`), which gets one checkbox per choice: easier to use than a multi-select
 * list box, and each choice has its own accessible name.
 */
export function SelectWidget(props: WidgetProps) {
  return props.multiple ? <CheckboxesWidget {...props} /> : <DefaultSelect {...props} />;
}
