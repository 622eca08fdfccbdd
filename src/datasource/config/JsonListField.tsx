import React, { useState } from 'react';
import { Field, TextArea } from '@grafana/ui';

interface Props<T> {
  label: string;
  description: string;
  id: string;
  value: T[] | undefined;
  onChange: (value: T[] | undefined) => void;
  placeholder: string;
}

/**
 * A list edited as JSON (model mappings, custom PromQL): kept as typed until it
 * parses as an array, with the parse error shown under the field.
 */
export function JsonListField<T>({ label, description, id, value, onChange, placeholder }: Props<T>) {
  const [text, setText] = useState(value && value.length > 0 ? JSON.stringify(value, null, 2) : '');
  const [error, setError] = useState<string>();
  const commit = () => {
    if (text.trim() === '') {
      setError(undefined);
      onChange(undefined);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (!Array.isArray(parsed)) {
        setError('Enter a JSON list: [ {...}, {...} ]');
        return;
      }
      setError(undefined);
      onChange(parsed as T[]);
    } catch (e) {
      setError(`Not valid JSON: ${(e as Error).message}`);
    }
  };
  return (
    <Field label={label} description={description} invalid={Boolean(error)} error={error}>
      <TextArea
        id={id}
        aria-label={label}
        rows={5}
        value={text}
        placeholder={placeholder}
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={commit}
      />
    </Field>
  );
}
