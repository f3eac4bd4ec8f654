// Worker entry: TypeScript sources (development, tests, `npm start`) need tsx's loader, which the
// parent's `--import tsx` does not carry into worker threads on Node 20.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
