import type { Database } from '../../kernel/context';

/**
 * One numbered schema step. The runner applies every migration above the database's user_version, each in
 * its own transaction together with the user_version bump, so a crash leaves the previous version intact.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
