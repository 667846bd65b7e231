// The package's "exports" map hides its index.d.ts from TypeScript. The types are reached through a
// tsconfig path that only type positions use (erased at runtime, so tsx and esbuild never resolve it).
declare module 'better-sqlite3-multiple-ciphers' {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- `export =` types can only be re-exported this way
  import Database = require('better-sqlite3-multiple-ciphers/types');
  export = Database;
}
