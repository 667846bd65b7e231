// Typed errors shared by the core, the IPC boundary, the CLI and the renderer.
// A code is stable: the renderer translates it (errors.<CODE> in the catalogs) and the CLI maps it to an
// exit code. The message is English and safe to show: it never carries record data or a stack trace.

export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'WEAK_PASSPHRASE',
  'WRONG_PASSPHRASE',
  'VAULT_NOT_FOUND',
  'VAULT_EXISTS',
  'VAULT_CORRUPT',
  'VAULT_TOO_NEW',
  'BACKUP_ALTERED',
  'KEYFILE_INVALID',
  'LOCKED',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'INTERNAL',
  'CARD_INVALID',
  'BUNDLE_NOT_FOR_US',
  'BUNDLE_UNKNOWN_SENDER',
  'BUNDLE_REVOKED_SENDER',
  'BUNDLE_TAMPERED',
  'BUNDLE_CORRUPT',
  'BUNDLE_TOO_NEW',
  'BUNDLE_FUTURE_CLOCK',
  'BUNDLE_TOO_LARGE',
  'SENDER_UNVERIFIED',
  'LEGAL_HOLD',
  'CANCELLED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one field of an input, as zod or a domain rule reports it. */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export class AmparoError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message: string, issues?: FieldIssue[]) {
    super(message);
    this.name = 'AmparoError';
    this.code = code;
    this.issues = issues;
  }

  toPayload(): ErrorPayload {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Stable CLI exit codes (documented in the README). Grouped by what a script can do about them:
 * 1 fix the input, 2 the vault/passphrase/lock state, 3 a bundle was refused, 4 the record is not there,
 * 5 the operation was cancelled (nothing was written).
 */
export const EXIT_CODES: Record<ErrorCode, number> = {
  INVALID_INPUT: 1,
  UNKNOWN_CHANNEL: 1,
  WEAK_PASSPHRASE: 1,
  CONFLICT: 1,
  FORBIDDEN: 1,
  WRONG_PASSPHRASE: 2,
  LOCKED: 2,
  NOT_FOUND: 4,
  VAULT_NOT_FOUND: 2,
  VAULT_EXISTS: 2,
  VAULT_CORRUPT: 2,
  VAULT_TOO_NEW: 2,
  BACKUP_ALTERED: 2,
  KEYFILE_INVALID: 2,
  INTERNAL: 10,
  CARD_INVALID: 1,
  BUNDLE_NOT_FOR_US: 3,
  BUNDLE_UNKNOWN_SENDER: 3,
  BUNDLE_REVOKED_SENDER: 3,
  BUNDLE_TAMPERED: 3,
  BUNDLE_CORRUPT: 3,
  BUNDLE_TOO_NEW: 3,
  BUNDLE_FUTURE_CLOCK: 3,
  BUNDLE_TOO_LARGE: 3,
  SENDER_UNVERIFIED: 3,
  LEGAL_HOLD: 1,
  CANCELLED: 5,
};
