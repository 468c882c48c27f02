// Labelled selects, label above, as the dashboard's forms lay them out.
import type { ReactNode } from 'react';
import { cx } from './cx';
import { inputClass, labelClass } from './fields';

export interface Choice {
  value: string;
  label: ReactNode;
}

/** Partitions as choices: "0", "1", … */
export const partitionChoices = (partitions: readonly number[]): Choice[] => partitions.map((p) => ({ value: String(p), label: p }));

/** A form field with its label above it. */
export function LabelledField({ id, label, children }: { id: string; label: ReactNode; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children}
    </div>
  );
}

/** The <option>s of a list of choices. */
export function ChoiceOptions({ choices }: { choices: readonly Choice[] }) {
  return choices.map((c) => (
    <option key={c.value} value={c.value}>
      {c.label}
    </option>
  ));
}

export function SelectField({
  id,
  label,
  value,
  onChange,
  choices,
  className,
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  choices: readonly Choice[];
  /** Width and spacing of the select. */
  className?: string;
}) {
  return (
    <LabelledField id={id} label={label}>
      <select id={id} className={cx(inputClass, className)} value={value} onChange={(e) => onChange(e.target.value)}>
        <ChoiceOptions choices={choices} />
      </select>
    </LabelledField>
  );
}
