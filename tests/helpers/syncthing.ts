import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

// Two real Syncthing instances for tests, talking only to each other over 127.0.0.1: every way Syncthing
// could reach the outside (global and local discovery, relays, NAT, STUN, usage and crash reports, upgrade
// checks, proxies from the environment) is switched off, and startSyncthingPair() refuses to hand out a pair
// whose running configuration or open sockets say otherwise. Each instance runs in its own process group
// beside a tiny shell watchdog holding a pipe from the test process: when the test process goes away, even
// killed with SIGKILL, the pipe closes and the watchdog takes the whole group down with it.

/**
 * Prefixes Syncthing gives a file while it is still being pulled: `.syncthing.` on Unix, `~syncthing~` on
 * Windows. Observed on Debian's syncthing 1.19.2: `.syncthing.big.bin.tmp` for `big.bin`. Names longer
 * than about 150 bytes are replaced by their sha256 in hex, so the inner part is not always the name.
 */
export const SYNCTHING_TEMP_PREFIXES = ['.syncthing.', '~syncthing~'] as const;
/** A Syncthing temp file name; group 1 is the final name (or its sha256 for long names). */
export const SYNCTHING_TEMP_PATTERN = /^(?:\.syncthing\.|~syncthing~)(.+)\.tmp$/;
/**
 * A Syncthing conflict copy: `<base>.sync-conflict-<YYYYMMDD>-<HHMMSS>-<short device ID><ext>`, e.g.
 * `notes.sync-conflict-20261202-061409-DYZJRJV.txt` for `notes.txt`. The copy holds the losing version;
 * the short ID (first 7 characters) is of one of the two devices: on 1.19.2, the one whose change won.
 * The extension is kept, so a conflict copy of `x.amparo` still ends in `.amparo`.
 */
export const SYNCTHING_CONFLICT_PATTERN =
  /^(?<base>.+)\.sync-conflict-(?<date>\d{8})-(?<time>\d{6})-(?<device>[A-Z2-7]{7})(?<ext>\.[^.]*)?$/;

/** The temp name Syncthing uses on this platform for a short `name` (no directory part). */
export function syncthingTempName(name: string): string {
  const prefix = process.platform === 'win32' ? SYNCTHING_TEMP_PREFIXES[1] : SYNCTHING_TEMP_PREFIXES[0];
  return `${prefix}${name}.tmp`;
}

/** Absolute path of the `syncthing` binary on PATH, or null. */
export function findSyncthing(): string | null {
  const names = process.platform === 'win32' ? ['syncthing.exe'] : ['syncthing'];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of names) {
      const path = join(dir, name);
      try {
        if (statSync(path).isFile()) return path;
      } catch {
        // not in this directory
      }
    }
  }
  return null;
}

export const FOLDER_ID = 'amparo-share';

export interface SyncthingInstance {
  name: string;
  deviceId: string;
  /** The first 7 characters of the device ID, as used in conflict copy names. */
  shortId: string;
  home: string;
  /** The shared folder on disk. */
  folder: string;
  guiPort: number;
  listenPort: number;
  process: ChildProcess;
  logFile: string;
  /** REST call with the API key; throws on a non-2xx answer. */
  api<T = unknown>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  /** Last lines of this instance's log, for failure messages. */
  logTail(lines?: number): string;
}

export interface SyncthingPair {
  a: SyncthingInstance;
  b: SyncthingInstance;
  root: string;
  /** Shuts both down (REST, then SIGKILL after a grace period) and removes their folders. Idempotent. */
  stop(): Promise<void>;
}

export interface PairOptions {
  /**
   * Download limit of B in KiB/s (0: none). Loopback is fast enough that a transfer can finish between two
   * looks at the folder; a limit keeps a file in transfer long enough to be seen there.
   */
  bMaxRecvKiBps?: number;
}

/** Process groups of the Syncthing instances still running. */
const groups = new Set<number>();
/** Temp folders of pairs not stopped yet. */
const roots = new Set<string>();
let exitHookInstalled = false;

function killGroup(group: number): void {
  try {
    process.kill(process.platform === 'win32' ? group : -group, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Last resort when a test never reached its afterAll: nothing started here outlives the test process. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const group of groups) killGroup(group);
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `check` until it returns something other than undefined/false. Fails after `timeoutMs` with
 * `what` and whatever `detail` says then. Only ever polls: these tests must not depend on how fast the
 * machine is.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  {
    timeoutMs = 45_000,
    intervalMs = 100,
    detail,
  }: { timeoutMs?: number; intervalMs?: number; detail?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await Promise.resolve()
      .then(check)
      .then(
        (value) => ({ value, error: null }),
        (error: unknown) => ({ value: undefined, error }),
      );
    if (outcome.value !== undefined && outcome.value !== false) return outcome.value;
    if (Date.now() > deadline) {
      const why = outcome.error instanceof Error ? ` (last error: ${outcome.error.message})` : '';
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${why}${detail ? `\n${detail()}` : ''}`,
      );
    }
    await sleep(intervalMs);
  }
}

async function freePorts(count: number): Promise<number[]> {
  // All held open together so the same port is never handed out twice.
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map((s) => (s.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

/**
 * The environment Syncthing runs with: no proxy (Syncthing dials through ALL_PROXY, which would take the
 * sync connection off loopback), no GUI/home overrides, no upgrades, no restarts.
 */
function syncthingEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/proxy/i.test(key) || /^ST(GUI|HOME|CONF|DATA|NODEFAULT|NORESTART|NOUPGRADE)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, STNOUPGRADE: '1', STNORESTART: '1', STNODEFAULTFOLDER: '1' };
}

function generateIdentity(binary: string, home: string): string {
  const out = spawnSync(
    binary,
    ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'],
    {
      env: syncthingEnv(),
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  const text = `${out.stdout ?? ''}\n${out.stderr ?? ''}`;
  const match = /Device ID:\s*([A-Z2-7]{7}(?:-[A-Z2-7]{7}){7})/.exec(text);
  if (out.status !== 0 || !match?.[1]) throw new Error(`syncthing generate failed:\n${text}`);
  return match[1];
}

const xml = (value: string | number) =>
  String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Plan {
  name: string;
  /** The pair's temp folder. */
  root: string;
  deviceId: string;
  home: string;
  folder: string;
  guiPort: number;
  listenPort: number;
  apiKey: string;
  maxRecvKiBps: number;
}

/**
 * A complete config.xml written from scratch (the generated one is thrown away), so no default of the
 * installed version, such as the public discovery servers or relays, slips in. Two ways the file format
 * surprises: a left-out option takes its default, so the empty globalAnnounceServer and stunServer
 * elements matter (left out, they mean Syncthing's public servers); but a left-out folder element is zero,
 * so maxConflicts must be given (0 deletes the losing version instead of keeping a conflict copy).
 * limitBandwidthInLan: 127.0.0.1 counts as LAN, where limits apply only with it.
 */
function configXml(self: Plan, peer: Plan): string {
  const device = (p: Plan) =>
    `  <device id="${p.deviceId}" name="${xml(p.name)}" compression="metadata" introducer="false">
    <address>tcp://127.0.0.1:${p.listenPort}</address>
    <paused>false</paused>
    <autoAcceptFolders>false</autoAcceptFolders>
  </device>`;
  return `<configuration version="36">
  <folder id="${FOLDER_ID}" label="${FOLDER_ID}" path="${xml(self.folder)}" type="sendreceive" rescanIntervalS="5" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
    <filesystemType>basic</filesystemType>
    <device id="${self.deviceId}"></device>
    <device id="${peer.deviceId}"></device>
    <markerName>.stfolder</markerName>
    <maxConflicts>10</maxConflicts>
  </folder>
${device(self)}
${device(peer)}
  <gui enabled="true" tls="false" debugging="false">
    <address>127.0.0.1:${self.guiPort}</address>
    <apikey>${self.apiKey}</apikey>
  </gui>
  <options>
    <listenAddress>tcp://127.0.0.1:${self.listenPort}</listenAddress>
    <globalAnnounceServer></globalAnnounceServer>
    <globalAnnounceEnabled>false</globalAnnounceEnabled>
    <localAnnounceEnabled>false</localAnnounceEnabled>
    <relaysEnabled>false</relaysEnabled>
    <natEnabled>false</natEnabled>
    <stunServer></stunServer>
    <urAccepted>-1</urAccepted>
    <urSeen>1000</urSeen>
    <urURL></urURL>
    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
    <releasesURL></releasesURL>
    <crashReportingEnabled>false</crashReportingEnabled>
    <crashReportingURL></crashReportingURL>
    <startBrowser>false</startBrowser>
    <restartOnWakeup>false</restartOnWakeup>
    <announceLANAddresses>false</announceLANAddresses>
    <reconnectionIntervalS>5</reconnectionIntervalS>
    <setLowPriority>false</setLowPriority>
    <maxRecvKbps>${self.maxRecvKiBps}</maxRecvKbps>
    <limitBandwidthInLan>${self.maxRecvKiBps > 0 ? 'true' : 'false'}</limitBandwidthInLan>
  </options>
</configuration>
`;
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function launch(binary: string, plan: Plan): SyncthingInstance {
  const logFile = join(plan.home, 'syncthing.log');
  const logFd = openSync(logFile, 'a');
  // Its own process group: `syncthing serve` is a monitor process that restarts a second, inner
  // syncthing (even with --no-restart), and killing only the monitor would orphan the inner one.
  const child = spawn(
    binary,
    [
      'serve',
      `--home=${plan.home}`,
      '--no-browser',
      '--no-restart',
      '--no-upgrade',
      `--gui-address=http://127.0.0.1:${plan.guiPort}`,
      `--gui-apikey=${plan.apiKey}`,
      '--logflags=3',
    ],
    { env: syncthingEnv(), stdio: ['ignore', logFd, logFd], detached: true },
  );
  closeSync(logFd);
  child.unref();
  if (child.pid !== undefined) {
    const group = child.pid;
    groups.add(group);
    child.once('exit', () => {
      // The monitor is gone; an inner process left behind (the monitor crashed) goes with it.
      killGroup(group);
      groups.delete(group);
    });
    if (process.platform !== 'win32') {
      // Reads until EOF on its pipe from this process, then kills the group and removes the pair's temp
      // folder: the pipe closes however the test process ends, even by SIGKILL, where no exit hook runs.
      // (`kill -9 -PGID`, not `kill -9 -- -PGID`, which dash rejects.)
      const watchdog = spawn(
        'sh',
        [
          '-c',
          'while read -r _; do :; done; kill -9 "-$1" 2>/dev/null; sleep 1; rm -rf "$2"',
          'sh',
          String(group),
          plan.root,
        ],
        { stdio: ['pipe', 'ignore', 'ignore'] },
      );
      watchdog.unref();
      watchdog.stdin?.on('error', () => undefined);
      (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
      // Disarmed (killed, its pipe left open) once Syncthing has exited, so it never signals a reused id.
      child.once('exit', () => watchdog.kill('SIGKILL'));
    }
  }

  const base = `http://127.0.0.1:${plan.guiPort}`;
  return {
    name: plan.name,
    deviceId: plan.deviceId,
    shortId: plan.deviceId.slice(0, 7),
    home: plan.home,
    folder: plan.folder,
    guiPort: plan.guiPort,
    listenPort: plan.listenPort,
    process: child,
    logFile,
    async api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
      const response = await fetch(`${base}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          'X-API-Key': plan.apiKey,
          ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${plan.name} ${path}: HTTP ${response.status} ${text}`);
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
    logTail: (lines = 40) => tail(logFile, lines),
  };
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function shutdown(instance: SyncthingInstance): Promise<void> {
  const child = instance.process;
  if (exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await instance.api('/rest/system/shutdown', { method: 'POST' });
  } catch {
    // Not answering: it gets SIGKILL below.
  }
  const graceful = await Promise.race([gone.then(() => true), sleep(10_000).then(() => false)]);
  if (!graceful && !exited(child) && child.pid !== undefined) {
    killGroup(child.pid);
    await Promise.race([gone, sleep(5_000)]);
  }
}

interface Connections {
  connections: Record<string, { connected: boolean; paused: boolean; address: string }>;
}

/** Both sides see the other connected. */
export async function waitConnected(pair: SyncthingPair, timeoutMs = 45_000): Promise<void> {
  const connected = async (from: SyncthingInstance, to: SyncthingInstance) =>
    (await from.api<Connections>('/rest/system/connections')).connections[to.deviceId]?.connected === true;
  await waitFor(
    'the two Syncthing instances to connect',
    async () => (await connected(pair.a, pair.b)) && (await connected(pair.b, pair.a)),
    { timeoutMs, intervalMs: 250, detail: () => pairLogs(pair) },
  );
}

export function pairLogs(pair: SyncthingPair): string {
  return `--- A log ---\n${pair.a.logTail()}\n--- B log ---\n${pair.b.logTail()}`;
}

/**
 * Starts A and B, checks they are loopback-only (see loopbackViolations) and waits until they are
 * connected and the shared folder is idle on both. The caller must call stop() (in afterAll).
 */
export async function startSyncthingPair(options: PairOptions = {}): Promise<SyncthingPair> {
  const binary = findSyncthing();
  if (!binary) throw new Error('syncthing is not on PATH');
  installExitHook();
  const root = mkdtempSync(join(tmpdir(), 'amparo-syncthing-'));
  roots.add(root);
  const started: SyncthingInstance[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(started.map(shutdown));
    rmSync(root, { recursive: true, force: true });
    roots.delete(root);
  };
  try {
    const [guiA, listenA, guiB, listenB] = (await freePorts(4)) as [number, number, number, number];
    const plan = (name: string, guiPort: number, listenPort: number, maxRecvKiBps: number): Plan => {
      const home = join(root, name, 'home');
      const folder = join(root, name, 'share');
      mkdirSync(home, { recursive: true });
      // The marker tells Syncthing the folder is really there (and not an unmounted drive).
      mkdirSync(join(folder, '.stfolder'), { recursive: true });
      return {
        name,
        root,
        home,
        folder,
        guiPort,
        listenPort,
        deviceId: generateIdentity(binary, home),
        apiKey: randomBytes(24).toString('hex'),
        maxRecvKiBps,
      };
    };
    const pa = plan('A', guiA, listenA, 0);
    const pb = plan('B', guiB, listenB, options.bMaxRecvKiBps ?? 0);
    writeFileSync(join(pa.home, 'config.xml'), configXml(pa, pb));
    writeFileSync(join(pb.home, 'config.xml'), configXml(pb, pa));
    started.push(launch(binary, pa), launch(binary, pb));
    const [a, b] = started as [SyncthingInstance, SyncthingInstance];
    const pair: SyncthingPair = { a, b, root, stop };
    for (const instance of started)
      await waitFor(
        `${instance.name}'s REST API`,
        async () => {
          if (exited(instance.process)) throw new Error(`${instance.name} exited:\n${instance.logTail()}`);
          return (await instance.api<{ ping: string }>('/rest/system/ping')).ping === 'pong';
        },
        { intervalMs: 200, detail: () => instance.logTail() },
      );
    for (const instance of started) {
      const problems = await loopbackViolations(instance);
      if (problems.length > 0)
        throw new Error(`${instance.name} is not loopback-only: ${problems.join('; ')}`);
    }
    await waitConnected(pair);
    for (const instance of started) await waitIdle(instance);
    return pair;
  } catch (error) {
    await stop();
    throw error;
  }
}

interface RunningConfig {
  options: Record<string, unknown>;
  devices: { deviceID: string; addresses: string[] }[];
  gui: { address: string };
}

const LOOPBACK_URL = /^(tcp4?|quic4?):\/\/127\.0\.0\.1:\d+$/;

/**
 * Everything in the running configuration (read back over REST, after Syncthing applied its defaults)
 * or in the open sockets of the process that could reach beyond 127.0.0.1. Empty means loopback-only.
 */
export async function loopbackViolations(instance: SyncthingInstance): Promise<string[]> {
  const config = await instance.api<RunningConfig>('/rest/config');
  const o = config.options;
  const problems: string[] = [];
  const expectOption = (key: string, want: unknown) => {
    if (JSON.stringify(o[key]) !== JSON.stringify(want))
      problems.push(`options.${key} is ${JSON.stringify(o[key])}, want ${JSON.stringify(want)}`);
  };
  expectOption('globalAnnounceEnabled', false);
  expectOption('localAnnounceEnabled', false);
  expectOption('relaysEnabled', false);
  expectOption('natEnabled', false);
  expectOption('crashReportingEnabled', false);
  expectOption('urAccepted', -1);
  expectOption('autoUpgradeIntervalH', 0);
  const list = (key: string) => ((o[key] ?? []) as string[]).filter((s) => s !== '');
  for (const server of list('globalAnnounceServers')) problems.push(`global discovery server ${server}`);
  for (const server of list('stunServers')) problems.push(`STUN server ${server}`);
  for (const address of list('listenAddresses'))
    if (!LOOPBACK_URL.test(address)) problems.push(`listen address ${address}`);
  for (const device of config.devices)
    for (const address of device.addresses)
      if (!LOOPBACK_URL.test(address))
        problems.push(`device ${device.deviceID.slice(0, 7)} address ${address}`);
  if (!/^127\.0\.0\.1:\d+$/.test(config.gui.address)) problems.push(`GUI address ${config.gui.address}`);
  for (const socket of groupSockets(instance.process.pid))
    if (socket.local !== '127.0.0.1' || !['127.0.0.1', '0.0.0.0'].includes(socket.remote))
      problems.push(`${socket.proto} socket ${socket.local} -> ${socket.remote}`);
  return problems;
}

export interface SocketInfo {
  proto: string;
  local: string;
  remote: string;
}

function decodeAddress(hex: string): string {
  const [addr = ''] = hex.split(':');
  const word = (s: string) => [...(s.match(/../g) ?? [])].reverse().map((b) => parseInt(b, 16));
  if (addr.length === 8) return word(addr).join('.');
  // IPv6: four 32-bit words, each in host (little-endian) order.
  const bytes = (addr.match(/.{8}/g) ?? []).flatMap(word);
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255)
    return bytes.slice(12).join('.'); // IPv4-mapped
  if (bytes.every((b) => b === 0)) return '0.0.0.0'; // [::], listening on all
  return bytes.every((b, i) => b === (i === 15 ? 1 : 0)) ? '::1' : bytes.map((b) => b.toString(16)).join(':');
}

/** Pids in process group `group`, from /proc (Linux); empty elsewhere. */
function groupPids(group: number): number[] {
  if (!existsSync('/proc/self/stat')) return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name, which is in parentheses and may itself contain spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === group) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/**
 * The TCP and UDP sockets held by the processes of an instance (the monitor and the inner syncthing),
 * from /proc (Linux). Elsewhere an empty list: the REST config check still applies there.
 */
export function groupSockets(group: number | undefined): SocketInfo[] {
  if (group === undefined) return [];
  const pids = groupPids(group);
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match?.[1]) inodes.add(match[1]);
      } catch {
        // closed meanwhile
      }
    }
  }
  if (pids.length === 0) return [];
  const pid = pids[0] as number;
  const sockets: SocketInfo[] = [];
  for (const proto of ['tcp', 'tcp6', 'udp', 'udp6']) {
    let table: string;
    try {
      table = readFileSync(`/proc/${pid}/net/${proto}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of table.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || !inodes.has(cols[9] as string)) continue;
      sockets.push({
        proto,
        local: decodeAddress(cols[1] as string),
        remote: decodeAddress(cols[2] as string),
      });
    }
  }
  return sockets;
}

interface FolderStatus {
  state: string;
  needFiles: number;
  needBytes: number;
  localFiles: number;
  globalFiles: number;
}

/** The shared folder is scanned and has nothing left to pull. */
export async function waitIdle(instance: SyncthingInstance, timeoutMs = 45_000): Promise<void> {
  await waitFor(
    `${instance.name}'s folder to be idle`,
    async () => {
      const s = await instance.api<FolderStatus>(`/rest/db/status?folder=${FOLDER_ID}`);
      return s.state === 'idle' && s.needFiles === 0;
    },
    { timeoutMs, intervalMs: 200, detail: () => instance.logTail() },
  );
}

/** Asks Syncthing to rescan now rather than wait for its watcher (which is on, with a 1 s delay). */
export async function scan(instance: SyncthingInstance, sub?: string): Promise<void> {
  const query = sub === undefined ? '' : `&sub=${encodeURIComponent(sub)}`;
  await instance.api(`/rest/db/scan?folder=${FOLDER_ID}${query}`, { method: 'POST' });
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Writes `relPath` (slash-separated) into the instance's folder and has it scanned. */
export async function putFile(
  instance: SyncthingInstance,
  relPath: string,
  bytes: Uint8Array,
): Promise<string> {
  const path = join(instance.folder, ...relPath.split('/'));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  await scan(instance);
  return path;
}

/** Resolves once `relPath` exists in the instance's folder with exactly these bytes. */
export async function waitForFile(
  instance: SyncthingInstance,
  relPath: string,
  bytes: Uint8Array,
  timeoutMs = 45_000,
): Promise<string> {
  const path = join(instance.folder, ...relPath.split('/'));
  const want = sha256(bytes);
  return waitFor(
    `${relPath} to arrive whole in ${instance.name}`,
    () => {
      const info = statSync(path, { throwIfNoEntry: false });
      if (!info || info.size !== bytes.length) return false;
      return sha256(readFileSync(path)) === want && path;
    },
    { timeoutMs, intervalMs: 100, detail: () => instance.logTail() },
  );
}

/** Sends `relPath` from A and waits until B has it whole. */
export async function transfer(pair: SyncthingPair, relPath: string, bytes: Uint8Array): Promise<string> {
  await putFile(pair.a, relPath, bytes);
  return waitForFile(pair.b, relPath, bytes);
}

interface DbFile {
  local?: { size: number; modifiedBy: string };
}

/**
 * Makes Syncthing create a conflict copy of `relPath` (a top-level file name): it is synced, both sides
 * are paused, each side writes its own version (A's older, B's newer by a minute, so B's wins), both
 * rescan, and the pair is resumed. Resolves with the conflict copy's name once both folders hold it and
 * agree on the winner.
 */
export async function makeConflict(
  pair: SyncthingPair,
  relPath: string,
): Promise<{ conflictName: string; aBytes: Buffer; bBytes: Buffer }> {
  const { a, b } = pair;
  await transfer(pair, relPath, Buffer.from('version both sides agree on\n'));
  await waitIdle(a);
  await waitIdle(b);

  await a.api(`/rest/system/pause?device=${b.deviceId}`, { method: 'POST' });
  await b.api(`/rest/system/pause?device=${a.deviceId}`, { method: 'POST' });
  await waitFor(
    'the pair to disconnect',
    async () => {
      const ac = (await a.api<Connections>('/rest/system/connections')).connections[b.deviceId];
      const bc = (await b.api<Connections>('/rest/system/connections')).connections[a.deviceId];
      return ac?.connected === false && bc?.connected === false;
    },
    { intervalMs: 200, detail: () => pairLogs(pair) },
  );

  const aBytes = Buffer.from('edited at office A while offline\n');
  const bBytes = Buffer.from('edited at office B while offline, a bit later\n');
  const now = Date.now() / 1000;
  for (const [instance, bytes, mtime] of [
    [a, aBytes, now - 60],
    [b, bBytes, now],
  ] as const) {
    const path = join(instance.folder, relPath);
    writeFileSync(path, bytes);
    utimesSync(path, mtime, mtime);
    await scan(instance);
    await waitFor(
      `${instance.name} to index its own edit of ${relPath}`,
      async () => {
        const file = await instance.api<DbFile>(
          `/rest/db/file?folder=${FOLDER_ID}&file=${encodeURIComponent(relPath)}`,
        );
        return file.local?.size === bytes.length && file.local.modifiedBy === instance.shortId;
      },
      { intervalMs: 200, detail: () => instance.logTail() },
    );
  }

  await a.api(`/rest/system/resume?device=${b.deviceId}`, { method: 'POST' });
  await b.api(`/rest/system/resume?device=${a.deviceId}`, { method: 'POST' });
  await waitConnected(pair);

  const conflictIn = (instance: SyncthingInstance) =>
    readdirSync(instance.folder).filter((name) => SYNCTHING_CONFLICT_PATTERN.test(name));
  const conflictName = await waitFor(
    `a conflict copy of ${relPath} in both folders`,
    () => {
      const inA = conflictIn(a);
      const inB = conflictIn(b);
      if (inA.length !== 1 || inB.length !== 1 || inA[0] !== inB[0]) return false;
      const winnerA = readFileSync(join(a.folder, relPath));
      const winnerB = readFileSync(join(b.folder, relPath));
      return winnerA.equals(bBytes) && winnerB.equals(bBytes) && inA[0];
    },
    {
      intervalMs: 200,
      detail: () => `A: ${readdirSync(a.folder).join(', ')}\nB: ${readdirSync(b.folder).join(', ')}`,
    },
  );
  return { conflictName, aBytes, bBytes };
}
