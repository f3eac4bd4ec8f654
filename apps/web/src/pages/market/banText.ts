import type { BanView } from '@fep/contracts';
import { BAN_MEASURE_LABELS } from '@fep/domain';

/** A ban as one line: measure, period and reason. */
export function banText(b: Pick<BanView, 'measure' | 'startsOn' | 'endsOn' | 'reason'>): string {
  return `${BAN_MEASURE_LABELS[b.measure]}（${b.startsOn} 起${b.endsOn ? ` 至 ${b.endsOn}` : '，永久'}）：${b.reason}`;
}
