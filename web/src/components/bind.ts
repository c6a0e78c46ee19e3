/**
 * Binds a form field to one key of a draft object held in state: its value, and an onChange that copies
 * the draft with the new value.
 *
 * @example <TextField id="title" label="Title" {...bind(draft, setDraft, 'title')} />
 */
import type { ChangeEvent } from 'react';

export function bind<T extends Record<string, unknown>, K extends keyof T & string>(draft: T, setDraft: (next: T) => void, key: K) {
  return {
    value: draft[key] as string,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setDraft({ ...draft, [key]: e.target.value }),
  };
}
