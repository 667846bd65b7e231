// Child process for tests/unit/crash-import.test.ts: the shipped CLI entry point, unchanged, with the
// statement-level crash points of crash-points.ts installed first (imports run in order).
import './crash-points';
import '../../electron/cli';
