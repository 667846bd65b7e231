// Alien registration numbers ("A-numbers") are written many ways: A123-456-789, A12345678, 123 456 789…
// They are stored as exactly 9 digits; 8-digit numbers get a leading 0 (the older, shorter series).

export type ANumberResult = { ok: true; value: string } | { ok: false; message: string };

export function normalizeANumber(input: string): ANumberResult {
  const trimmed = input.trim();
  if (!/^[Aa]?[\s.-]*[0-9][0-9\s.-]*$/.test(trimmed)) {
    return {
      ok: false,
      message: 'An A-number has 8 or 9 digits, optionally starting with A (for example A123-456-789)',
    };
  }
  const digits = trimmed.replace(/[^0-9]/g, '');
  if (digits.length === 9) return { ok: true, value: digits };
  if (digits.length === 8) return { ok: true, value: `0${digits}` };
  return { ok: false, message: `An A-number has 8 or 9 digits; this one has ${digits.length}` };
}

/** A123-456-789 style, for display. */
export function formatANumber(digits: string): string {
  return `A${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
}
