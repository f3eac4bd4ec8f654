/**
 * The product's one clock. `FEP_NOW` starts it at a given instant and it then runs forward in real time,
 * so that deadlines, sweeps and documents can be shown and checked on any date (demos, training, tests);
 * in demo mode an administrator can move it forward (never back: the enforcement record is in time order).
 */
export interface ProductClock {
  now(): Date;
  /** Moves the clock forward to `to`; returns false when `to` is before the current instant. */
  moveTo(to: Date): boolean;
  /** True when the clock does not follow the machine's time. */
  readonly shifted: boolean;
}

export function createClock(start?: Date): ProductClock {
  let offset = start ? start.getTime() - Date.now() : 0;
  return {
    now: () => new Date(Date.now() + offset),
    moveTo(to) {
      const current = Date.now() + offset;
      if (to.getTime() < current) return false;
      offset = to.getTime() - Date.now();
      return true;
    },
    get shifted() {
      return offset !== 0;
    },
  };
}
