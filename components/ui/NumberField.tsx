// A labelled whole-number input, as the dashboard's forms use them: typed as text (so a
// half-typed value stays on screen), checked by the form, numeric keyboard on phones.
import { cx } from './cx';
import { inputClass } from './fields';
import { LabelledField } from './SelectField';

export function NumberField({
  id,
  label,
  value,
  onChange,
  min,
  max,
  invalid,
  describedBy,
  className,
  placeholder,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (text: string) => void;
  min?: number;
  max?: number;
  invalid: boolean;
  describedBy?: string;
  /** Width and spacing of the input. */
  className?: string;
  placeholder?: string;
}) {
  return (
    <LabelledField id={id} label={label}>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        step={1}
        inputMode="numeric"
        className={cx(inputClass, 'text-right tabular-nums', className)}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid}
        aria-describedby={describedBy}
      />
    </LabelledField>
  );
}
