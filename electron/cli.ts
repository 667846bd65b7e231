import { processIo, runCli } from './cli/run';

// Entry point of the `amparo` command (bundled to dist/electron/cli.cjs). All logic is in cli/run.ts so
// tests can run the CLI in-process.
void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
