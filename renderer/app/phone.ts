// Phones are stored as typed. North American numbers (10 digits, or 11 with the leading 1, however they were
// punctuated) are shown grouped, (510) 555-0142; any other number is shown as typed, since its grouping
// depends on its country.
export function formatPhone(typed: string): string {
  if (/[^\d\s().+-]/.test(typed)) return typed;
  const digits = typed.replace(/\D/g, '');
  const international = typed.trim().startsWith('+');
  const national =
    digits.length === 10 && !international
      ? digits
      : digits.length === 11 && digits.startsWith('1')
        ? digits.slice(1)
        : null;
  // A NANP area code and exchange never start with 0 or 1.
  if (!national || !/^[2-9]\d{2}[2-9]/.test(national)) return typed;
  return `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`;
}
