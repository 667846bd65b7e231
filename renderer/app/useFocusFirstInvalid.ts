import { useEffect, type RefObject } from 'react';

/**
 * After a submit that found problems (`attempt` bumped), focus goes to the form's first invalid field, so
 * the keyboard is where the fix is and a screen reader reads that field's message.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLElement | null>, attempt: number) {
  useEffect(() => {
    if (attempt === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, attempt]);
}
