import { EventEmitter } from 'node:events';

/**
 * Live updates of the leaders' dashboard (MON-02): the rollup announces each change it committed; the
 * server-sent event stream of every open dashboard of this process forwards it, and the page reloads its
 * figures. A process that does not dispatch events (a second instance on PostgreSQL) is not told; its
 * stream also announces the version every 15 s, so its pages catch up within that.
 */
const emitter = new EventEmitter();
emitter.setMaxListeners(0);
let version = 0;

export function notifyFiguresChanged(): void {
  version++;
  emitter.emit('changed', version);
}
export function figuresVersion(): number {
  return version;
}
export function onFiguresChanged(listener: (version: number) => void): () => void {
  emitter.on('changed', listener);
  return () => emitter.off('changed', listener);
}
