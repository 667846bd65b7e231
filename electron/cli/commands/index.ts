import type { Command } from '../command';
import { recordCommands } from './records';
import { recordIoCommands } from './records-io';
import { vaultCommands } from './vault';

// Every CLI command; each area keeps its own list.
export const COMMANDS: readonly Command[] = [...vaultCommands, ...recordCommands, ...recordIoCommands];
