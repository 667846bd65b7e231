// The name <-> code module is shared/code-names.ts (the CSV import reads names with it too). This re-export
// only keeps the screens that still import it from here working; new code imports the shared module.
export * from '../../shared/code-names';
