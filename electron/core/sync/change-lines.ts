// Checks on one incoming change line, from its raw bytes to a line the merge can trust. Every line is held to
// its record kind's schema field by field, tombstones and purge markers included, because a deleted row is
// still stored and forwarded to every other office.
import type { z } from 'zod';
import { KINDS, SCHEMAS, type Kind } from '../../../shared/model';
import { changeLineSchema, type ChangeLine } from '../../../shared/sync';
import { refuse } from './bundle-stream';

/** Keys that reach an object's prototype, or confuse code that reads plain objects by key. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const RECORD_ID = /^[0-9a-f]{32}$/;

export type JsonScan = 'ok' | 'too-deep' | 'forbidden-key';

function isForbiddenKey(key: string): boolean {
  if (!key.includes('\\')) return FORBIDDEN_KEYS.has(key);
  try {
    // Escapes can spell a key ("\u005f_proto__"); decode just this one string.
    return FORBIDDEN_KEYS.has(JSON.parse(`"${key}"`) as string);
  } catch {
    return false; // not a valid string: JSON.parse of the whole text refuses it
  }
}

/** Index of the quote that closes the string opened at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  for (let end = text.indexOf('"', open + 1); end !== -1; end = text.indexOf('"', end + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
  }
  return -1;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const NOT_SPACE = /[^ \t\r\n]/g;

/**
 * One pass over JSON text before JSON.parse sees it: the nesting depth (deep input makes recursive code
 * overflow the stack) and every object key (a `__proto__` or `constructor` key is never legitimate here).
 * String contents and runs of whitespace are skipped with native searches.
 */
export function scanJson(text: string, maxDepth: number): JsonScan {
  let depth = 0;
  let keyStart = 0;
  let keyEnd = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = closingQuote(text, i);
      if (end === -1) return 'ok'; // unterminated: JSON.parse refuses it
      keyStart = i + 1;
      keyEnd = end;
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > maxDepth) return 'too-deep';
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
    // Outside strings a colon only ever follows a key.
    else if (c === COLON) {
      if (isForbiddenKey(text.slice(keyStart, keyEnd))) return 'forbidden-key';
    } else if (c === SPACE || c === TAB || c === CR) {
      // Skip a run of padding in one native search.
      NOT_SPACE.lastIndex = i;
      i = (NOT_SPACE.exec(text)?.index ?? text.length) - 1;
    }
  }
  return 'ok';
}

/** Parses JSON text after the scan: BUNDLE_TOO_LARGE when too deep, BUNDLE_CORRUPT when not clean JSON. */
export function parseGuardedJson(bytes: Uint8Array, maxDepth: number, what: string, line?: number): unknown {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const scan = scanJson(text, maxDepth);
  if (scan === 'too-deep') throw refuse('BUNDLE_TOO_LARGE', `${what} is nested too deeply.`, line);
  if (scan === 'forbidden-key') throw refuse('BUNDLE_CORRUPT', `${what} uses a reserved key name.`, line);
  try {
    return JSON.parse(text);
  } catch {
    throw refuse('BUNDLE_CORRUPT', `${what} is not valid JSON.`, line);
  }
}

const isKind = (entity: string): entity is Kind => (KINDS as readonly string[]).includes(entity);

/** Characters a value takes as JSON, near enough to bound it (strings by their length). */
function valueChars(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value).length;
  return 0;
}

export interface CheckedChange {
  change: ChangeLine;
  kind: Kind;
  /** A tombstone or purge marker (which creates a row or marker even for an id never seen). */
  tombstone: boolean;
}

/**
 * Validates one parsed line: the wire shape, a known kind and a record id, every field a field of that kind
 * with a value its schema accepts, and a purge marker carrying nothing but its stamp. Messages name the line
 * and the kind, never an incoming field name or value.
 */
export function checkChange(raw: unknown, n: number, maxValueChars: number): CheckedChange {
  const what = `Change ${n} in the bundle`;
  const corrupt = (why: string) => refuse('BUNDLE_CORRUPT', `${what} ${why}.`, n);
  const parsed = changeLineSchema.safeParse(raw);
  if (!parsed.success) throw corrupt('is malformed');
  const change = parsed.data;
  const kind = change.entity;
  if (!isKind(kind)) throw corrupt('names an unknown record kind');
  if (!RECORD_ID.test(change.id)) throw corrupt('names an invalid record id');
  const names = Object.keys(change.fields);
  if (
    change.purged !== undefined &&
    (change.deleted !== undefined || change.deletion !== undefined || names.length > 0)
  )
    throw corrupt('is a purge marker that carries data');
  const shape = SCHEMAS[kind].fields.shape as Record<string, z.ZodType>;
  for (const name of names) {
    if (!Object.hasOwn(shape, name)) throw corrupt(`has a field that ${kind} records do not have`);
    const value = change.fields[name]!.value;
    if (value === null || value === undefined) continue; // a cleared field
    if (valueChars(value) > maxValueChars)
      throw refuse('BUNDLE_TOO_LARGE', `${what} has a ${kind} ${name} value above the size limit.`, n);
    if (!shape[name]!.safeParse(value).success) throw corrupt(`has an invalid ${kind} ${name}`);
  }
  const deletes = change.deleted !== undefined || change.deletion?.deleted === true;
  return { change, kind, tombstone: deletes || change.purged !== undefined };
}

interface RawField {
  value?: unknown;
  clock: string;
  ctx?: string[];
}

/**
 * Rebuilds a line that `checkChange` accepted (from the same bytes) without zod: `fields` has no prototype,
 * so no field name can ever resolve to an inherited property, and only the wire keys are copied.
 */
export function toChangeLine(raw: unknown): ChangeLine {
  const r = raw as ChangeLine & { fields: Record<string, RawField> };
  const fields = Object.create(null) as ChangeLine['fields'];
  for (const [name, f] of Object.entries(r.fields)) {
    fields[name] =
      f.ctx === undefined
        ? { value: f.value, clock: f.clock }
        : { value: f.value, clock: f.clock, ctx: f.ctx };
  }
  const line: ChangeLine = { entity: r.entity, id: r.id, fields };
  if (r.deleted !== undefined) line.deleted = r.deleted;
  if (r.deletion !== undefined) {
    const { deleted, clock, ctx } = r.deletion;
    line.deletion = ctx === undefined ? { deleted, clock } : { deleted, clock, ctx };
  }
  if (r.purged !== undefined) line.purged = r.purged;
  return line;
}
