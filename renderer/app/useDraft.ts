import { useState, type ChangeEvent } from 'react';

// Form state for the small "add" forms: one object of strings, a binder for inputs and a setter for selects.
export function useDraft<T extends Record<string, string>>(empty: T) {
  const [draft, setDraft] = useState<T>(empty);
  const set = (key: keyof T) => (value: string) => setDraft((current) => ({ ...current, [key]: value }));
  const bind = (key: keyof T) => ({
    value: draft[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(key)(event.target.value),
  });
  return { draft, bind, set, reset: () => setDraft(empty) };
}

/** "es, en; mam" → ['es', 'en', 'mam'], as typed in list fields. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter(Boolean);
}
