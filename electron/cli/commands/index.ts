import type { Command } from '../command';
import { vaultCommands } from './vault';

// Every CLI command; each area keeps its own list.
export const COMMANDS: readonly Command[] = [...vaultCommands];
