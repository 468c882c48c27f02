'use client';
// Raise the partition count (Kafka never lowers it). The input is the new total.
import { useId, useState, type FormEvent } from 'react';
import { formatCount } from '@/lib/format';
import { useAddPartitions } from '@/lib/queries/topics';
import { Button } from '../ui/Button';
import { ErrorText, FieldHint, StatusText } from '../ui/Messages';
import { inputClass, labelClass, parseWhole } from '../ui/fields';

export function AddPartitions({ topic, current }: { topic: string; current: number }) {
  const id = useId();
  const add = useAddPartitions(topic);
  const [value, setValue] = useState(String(current + 1));
  const n = parseWhole(value);
  const problem =
    n === null
      ? 'Enter a whole number.'
      : n <= current
        ? `The new count must be more than the current ${formatCount(current)} partition${current === 1 ? '' : 's'}: Kafka can add partitions but never remove them.`
        : n > 100_000
          ? 'At most 100000 partitions.'
          : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (problem || n === null) return;
    add.mutate(n, { onSuccess: (detail) => setValue(String(detail.partitions.length + 1)) });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-2">
      <label htmlFor={`${id}-count`} className={labelClass}>
        New partition count
      </label>
      <div className="flex items-center gap-2">
        <input
          id={`${id}-count`}
          type="number"
          min={current + 1}
          step={1}
          inputMode="numeric"
          className={inputClass + ' w-32 text-right tabular-nums'}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            if (add.isSuccess || add.isError) add.reset();
          }}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-hint`}
        />
        <Button type="submit" variant="primary" disabled={problem !== null || add.isPending}>
          Add partitions
        </Button>
      </div>
      <div id={`${id}-hint`}>
        {problem ? (
          <FieldHint problem>{problem}</FieldHint>
        ) : (
          <FieldHint>
            Now {formatCount(current)}; the total becomes {formatCount(n)}. Records with a key may go to a different partition afterwards.
          </FieldHint>
        )}
      </div>
      {add.isSuccess && (
        <StatusText>
          {topic} now has {formatCount(add.data.partitions.length)} partitions.
        </StatusText>
      )}
      {add.isError && <ErrorText>{add.error.message}</ErrorText>}
    </form>
  );
}
