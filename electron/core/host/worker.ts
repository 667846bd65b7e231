import { parentPort, workerData } from 'node:worker_threads';
import type { Result } from '../../../shared/errors';
import { EVENT_NAMES } from '../../../shared/ipc';
import { dispatch } from '../dispatch';
import { systemClock, type Clock } from '../kernel/context';
import { createService } from '../service';
import type { FromWorker, HostState, ToWorker, WorkerOptions } from './protocol';

// The core's thread. It owns the service and with it everything secret: the database connections (and so the
// key inside SQLite) and the office's identity. The host's thread only ever sees a call's input, its typed
// Result and the events. Calls are handled in arrival order; a long job lets the next ones in between two of
// its chunks (jobs.ts).

const port = parentPort;
if (!port) throw new Error('The core worker must run in a worker thread.');
const options = workerData as WorkerOptions;

let hostNow = Date.now();
const clock: Clock = options.hostClock ? { now: () => new Date(hostNow) } : systemClock;
const service = createService({
  vaultDir: options.vaultDir,
  clock,
  ...(options.anchorFile ? { anchorFile: options.anchorFile } : {}),
  ...(options.kdf ? { kdf: options.kdf } : {}),
  ...(options.background === undefined ? {} : { background: options.background }),
});

const state = (): HostState => ({ unlocked: service.isUnlocked(), prefs: service.prefs() });

const post = (message: FromWorker) => {
  try {
    port.postMessage(message);
  } catch {
    // Something that cannot be cloned (never a contract output): answer the call, never hang it.
    if (message.type === 'result') {
      const result: Result<unknown> = {
        ok: false,
        error: { code: 'INTERNAL', message: 'Something went wrong inside Amparo. Nothing was saved.' },
      };
      port.postMessage({ ...message, result });
    }
  }
};

for (const event of EVENT_NAMES) {
  service.on(event, (payload) => post({ type: 'event', event, payload, state: state() }));
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'call':
      if (message.now !== undefined) hostNow = message.now;
      void dispatch(service.handlers, message.channel, message.input).then((result) =>
        post({ type: 'result', id: message.id, result, state: state() }),
      );
      break;
    case 'lock':
      service.lock(message.reason);
      post({ type: 'state', state: state() });
      break;
    case 'close':
      service.close();
      post({ type: 'closed' });
      port.close();
      break;
  }
});

post({ type: 'ready', state: state() });
