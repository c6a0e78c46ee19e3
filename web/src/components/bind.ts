/**
 * The form-field helper: binds an input, select or textarea to state, giving its value (or checked)
 * and an onChange, so no page writes its own change handler. The value a select gives back is typed as
 * the state it sets (its options are drawn from the same list).
 *
 * @example
 *   <TextField id="title" label="Title" {...bind(draft, setDraft, 'title')} />
 *   <SelectField id="status" label="Status" options={statusOptions} {...field(status, setStatus)} />
 *   <input type="checkbox" {...checkbox(draft, setDraft, 'isPiiReadOnly')} />
 */
import type { ChangeEvent } from 'react';

type FieldElement = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

type KeysOf<T, V> = { [K in keyof T]: T[K] extends V ? K : never }[keyof T] & string;

/** One text key of a draft object held in state. */
export function bind<T extends object, K extends KeysOf<T, string>>(draft: T, setDraft: (next: T) => void, key: K) {
  return field(draft[key] as T[K] & string, (value) => setDraft({ ...draft, [key]: value }));
}

/** One boolean key of a draft object held in state, as a checkbox. */
export function checkbox<T extends object, K extends KeysOf<T, boolean>>(draft: T, setDraft: (next: T) => void, key: K) {
  return {
    checked: draft[key] as boolean,
    onChange: (e: ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [key]: e.target.checked }),
  };
}

/** A value held in its own state. */
export function field<V extends string>(value: V, setValue: (next: V) => void) {
  return { value, onChange: (e: ChangeEvent<FieldElement>) => setValue(e.target.value as V) };
}
