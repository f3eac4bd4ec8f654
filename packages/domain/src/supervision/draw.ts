/**
 * Verifiable random inspection draws (双随机, SUP-03 … SUP-07).
 *
 * Everything that decides the outcome is an input that is published before the draw: the plan (scope,
 * period, rates per stratum, caps, campaign overlay), the sorted list of eligible units and of certified
 * inspectors with their declared conflicts, and a public value announced in advance (e.g. a lottery
 * result of a stated date). The seed is SM3(publicValue ‖ planHash); the random stream is SM3 in counter
 * mode over the seed; the algorithm below is a deterministic stratified sample. Anyone with the published
 * inputs re-runs it and gets the same units and inspectors.
 *
 * Algorithm (documented in docs/ARCHITECTURE.md, "Random inspection draws"):
 * 1. Units failing a cap (drawn ≥ maxDrawsPerYear times in the 12 months before the draw, or less than
 *    minMonthsBetween months ago) or excluded (SUP-05 self-committed low-risk units; units already inspected
 *    for the plan's purpose, SUP-07) are set aside with the reason.
 * 2. The rest fall into strata `risk|credit|key|campaign`; each stratum's rate is the plan's rate for it
 *    (a campaign overlay raises it for chosen venue kinds); n = round(N × rate), at least 1 when rate > 0
 *    and N > 0.
 * 3. Strata in sorted key order; inside a stratum units sorted by USCI; a partial Fisher–Yates shuffle with
 *    the stream picks n.
 * 4. For each drawn unit (in the order drawn), two distinct inspectors are drawn uniformly from those with
 *    no declared conflict with that unit.
 */
import { type Static, Type } from 'typebox';
import { randomQuotaSchema } from '../policy/kinds.ts';

export type Hash = (data: string) => string;

export type RiskLevel = 'low' | 'medium' | 'high';
export type CreditLevel = 'A' | 'B' | 'C' | 'D';

export interface DrawUnit {
  usci: string;
  riskLevel: RiskLevel;
  creditLevel: CreditLevel;
  keyUnit: boolean;
  venueKind: string | null;
  /** SUP-05: signed self-management commitment, and the date of the last fire, if any. */
  selfCommitment: boolean;
  lastFireOn: string | null;
  /** Dates (YYYY-MM-DD) of earlier random draws of this unit. */
  drawnOn: string[];
  /** Already inspected for the plan's purpose in its period (SUP-07 merge with campaigns). */
  inspectedForPurpose: boolean;
}

export interface DrawInspector {
  userId: string;
  /** USCIs of units the inspector must recuse from (relatives, former employer, declared). */
  conflicts: string[];
}

const Rate = Type.Number({ minimum: 0, maximum: 1 });
/**
 * The plan's rates and caps, frozen with the plan and published in its draw input; a schema, because the
 * plan stores them as a JSON document (random_plans.rates_json) that is checked when written and read.
 */
export const planRatesSchema = Type.Object({
  /** Rate per stratum key `risk|credit|key` (key = 'key' | 'general'); missing keys use `defaultRate`. */
  rates: Type.Record(Type.String({ pattern: '^(low|medium|high)\\|[ABCD]\\|(key|general)$' }), Rate),
  defaultRate: Rate,
  maxDrawsPerYear: randomQuotaSchema.properties.maxDrawsPerUnitPerYear,
  minMonthsBetween: randomQuotaSchema.properties.minMonthsBetweenDraws,
  /** SUP-05 exclusions on. */
  excludeSelfCommitted: Type.Boolean(),
  /** Campaign overlay (SUP-07): raised rate for chosen venue kinds. */
  campaign: Type.Optional(Type.Union([Type.Object({ venueKinds: Type.Array(Type.String()), rate: Rate }), Type.Null()])),
});
export type PlanRates = Static<typeof planRatesSchema>;

export interface DrawInput {
  plan: PlanRates;
  drawDate: string;
  units: DrawUnit[];
  inspectors: DrawInspector[];
}

export interface DrawnUnit {
  usci: string;
  stratum: string;
  inspectors: [string, string];
}

export interface SetAside {
  usci: string;
  reason: 'cap_per_year' | 'cap_interval' | 'self_committed' | 'already_inspected';
}

export interface DrawResult {
  seed: string;
  inputsHash: string;
  drawn: DrawnUnit[];
  strata: { key: string; eligible: number; rate: number; drawn: number }[];
  setAside: SetAside[];
  /** Units drawn for which fewer than two conflict-free inspectors existed. */
  unstaffed: string[];
}

/** Canonical JSON (sorted keys), so the same inputs always hash the same. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * The published draw input, one line per fact, sorted: a plan line, the draw date, one line per unit
 * (by USCI) and one per inspector (by id). The inputs hash is SM3 of exactly this text, so anyone can
 * recompute it from the downloaded file; a province's million units stream through it line by line.
 */
export const DRAW_INPUT_HEADER = 'FEP-DRAW-INPUT v1';

/** The file's first lines: its header, the plan and the draw date. */
export function drawInputHead(input: Pick<DrawInput, 'plan' | 'drawDate'>): string {
  return `${DRAW_INPUT_HEADER}\nplan\t${canonical(input.plan)}\ndate\t${input.drawDate}\n`;
}

/**
 * One unit's line: `unit usci risk credit key kind self lastFire drawnOn inspected`, tab-separated. Publication
 * has the store write the lines of units with default history (no earlier draw, not inspected for the purpose)
 * in this same layout (supervision's draw-input.ts); a test compares the two.
 */
export function drawUnitLine(u: DrawUnit): string {
  return `unit\t${u.usci}\t${u.riskLevel}\t${u.creditLevel}\t${u.keyUnit ? 1 : 0}\t${u.venueKind ?? '-'}\t${u.selfCommitment ? 1 : 0}\t${u.lastFireOn ?? '-'}\t${u.drawnOn.length === 0 ? '-' : u.drawnOn.length === 1 ? u.drawnOn[0] : [...u.drawnOn].sort().join(',')}\t${u.inspectedForPurpose ? 1 : 0}\n`;
}

export function drawInspectorLine(i: DrawInspector): string {
  return `inspector\t${i.userId}\t${i.conflicts.length ? [...i.conflicts].sort().join(',') : '-'}\n`;
}

export function* drawInputLines(input: DrawInput, presorted = false): Generator<string> {
  yield drawInputHead(input);
  const units = presorted ? input.units : [...input.units].sort((a, b) => (a.usci < b.usci ? -1 : 1));
  let chunk = '';
  for (const u of units) {
    chunk += drawUnitLine(u);
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
  const inspectors = presorted ? input.inspectors : [...input.inspectors].sort((a, b) => (a.userId < b.userId ? -1 : 1));
  for (const i of inspectors) yield drawInspectorLine(i);
}

const LEVELS = ['low', 'medium', 'high', 'A', 'B', 'C', 'D'];
/** The field text[from, to) as the shared constant string of its level (no new string per line), or as read. */
function levelAt(text: string, from: number, to: number): string {
  for (const l of LEVELS) if (l.length === to - from && text.startsWith(l, from)) return l;
  return text.slice(from, to);
}
/** Whether text[from, to) is the `-` of an empty field. */
const dashAt = (text: string, from: number, to: number) => to - from === 1 && text.charCodeAt(from) === 45;

/**
 * Reads the published text back (the draw and the replay). A province's file has millions of unit lines:
 * each is cut at its tabs by position (no array of fields per line), the levels are the shared constant
 * strings and empty fields make no string, so reading two million units makes two million small objects and
 * their USCIs, little else.
 */
export function parseDrawInput(text: string): DrawInput {
  const units: DrawUnit[] = [];
  const rest = scanDrawInput(text, (u) => units.push(u));
  return { ...rest, units };
}

/**
 * Reads the published text, handing each unit to `onUnit` in the file's order with the plan and date read so
 * far (the object is the caller's to keep or drop): the draw keeps only what it needs of two million units, not
 * two million objects.
 */
export function scanDrawInput(text: string, onUnit: (u: DrawUnit, plan: PlanRates | null, drawDate: string) => void): Omit<DrawInput, 'units'> {
  return finish(scanDrawInputSteps(text, onUnit));
}

/** Lines read between two pauses of a stepwise scan (`scanDrawInputSteps`). */
const LINES_PER_STEP = 50_000;

/**
 * `scanDrawInput` in steps: the generator pauses after every 50,000 lines, so that a caller on a server can let other
 * work run between them (`runDrawOnTextPausing`); drained without pausing it is `scanDrawInput`.
 */
function* scanDrawInputSteps(
  text: string,
  onUnit: (u: DrawUnit, plan: PlanRates | null, drawDate: string) => void,
): Generator<void, Omit<DrawInput, 'units'>, void> {
  let pos = text.indexOf('\n');
  if (text.slice(0, pos) !== DRAW_INPUT_HEADER) throw new Error('not a draw input file');
  let plan: PlanRates | null = null;
  let drawDate = '';
  const inspectors: DrawInspector[] = [];
  const none: string[] = [];
  const kinds = new Map<string, string>();
  let lineNo = 1;
  while (pos < text.length - 1) {
    const start = pos + 1;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    pos = end;
    lineNo++;
    if (lineNo % LINES_PER_STEP === 0) yield;
    if (end === start) continue;
    if (text.startsWith('unit\t', start)) {
      // unit usci risk credit key kind self lastFire drawnOn inspected
      const t1 = start + 4;
      const t2 = text.indexOf('\t', t1 + 1);
      const t3 = text.indexOf('\t', t2 + 1);
      const t4 = text.indexOf('\t', t3 + 1);
      const t5 = text.indexOf('\t', t4 + 1);
      const t6 = text.indexOf('\t', t5 + 1);
      const t7 = text.indexOf('\t', t6 + 1);
      const t8 = text.indexOf('\t', t7 + 1);
      const t9 = text.indexOf('\t', t8 + 1);
      if (t2 < 0 || t9 < t2 || t9 > end) throw new Error(`draw input line ${lineNo}: a unit line has ten fields`);
      const after = text.indexOf('\t', t9 + 1);
      const e9 = after >= 0 && after < end ? after : end;
      let venueKind: string | null = null;
      if (!dashAt(text, t5 + 1, t6)) {
        const kind = text.slice(t5 + 1, t6);
        venueKind = kinds.get(kind) ?? kind;
        kinds.set(venueKind, venueKind);
      }
      onUnit(
        {
          usci: text.slice(t1 + 1, t2),
          riskLevel: levelAt(text, t2 + 1, t3) as RiskLevel,
          creditLevel: levelAt(text, t3 + 1, t4) as CreditLevel,
          keyUnit: t5 - t4 === 2 && text.charCodeAt(t4 + 1) === 49,
          venueKind,
          selfCommitment: t7 - t6 === 2 && text.charCodeAt(t6 + 1) === 49,
          lastFireOn: dashAt(text, t7 + 1, t8) ? null : text.slice(t7 + 1, t8),
          drawnOn: dashAt(text, t8 + 1, t9) ? none : text.slice(t8 + 1, t9).split(','),
          inspectedForPurpose: e9 - t9 === 2 && text.charCodeAt(t9 + 1) === 49,
        },
        plan,
        drawDate,
      );
      continue;
    }
    const f = text.slice(start, end).split('\t');
    switch (f[0]) {
      case 'inspector':
        inspectors.push({ userId: f[1]!, conflicts: f[2] === '-' ? [] : f[2]!.split(',') });
        break;
      case 'plan':
        plan = JSON.parse(f[1]!) as PlanRates;
        break;
      case 'date':
        drawDate = f[1]!;
        break;
      default:
        throw new Error(`draw input line ${lineNo}: unknown record ${f[0]}`);
    }
  }
  if (!plan || !drawDate) throw new Error('draw input without plan or date');
  return { plan, drawDate, inspectors };
}

/** The hash of everything the draw depends on except the public value; published before the draw. */
export function drawInputsHash(input: DrawInput, hash: Hash): string {
  return hash([...drawInputLines(input)].join(''));
}

export function drawSeed(publicValue: string, inputsHash: string, hash: Hash): string {
  return hash(`${publicValue}|${inputsHash}`);
}

/** A deterministic stream of uniform integers: SM3(seed ‖ counter) blocks, rejection sampling for no bias. */
export class DrawStream {
  private counter = 0;
  private buffer: number[] = [];
  constructor(
    private readonly seed: string,
    private readonly hash: Hash,
  ) {}

  private next32(): number {
    if (this.buffer.length === 0) {
      const h = this.hash(`${this.seed}|${this.counter++}`);
      for (let i = 0; i < 64; i += 8) this.buffer.push(Number.parseInt(h.slice(i, i + 8), 16));
    }
    return this.buffer.shift()!;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (!(n > 0 && n <= 2 ** 32)) throw new RangeError('range must be 1 … 2^32');
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = this.next32();
      if (x < limit) return x % n;
    }
  }
}

function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const yy = Math.floor(total / 12);
  const mm = (total % 12) + 1;
  const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  return `${yy}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function stratumOf(u: DrawUnit, plan: PlanRates): string {
  const campaign = plan.campaign && u.venueKind && plan.campaign.venueKinds.includes(u.venueKind) ? '|campaign' : '';
  return `${u.riskLevel}|${u.creditLevel}|${u.keyUnit ? 'key' : 'general'}${campaign}`;
}

export function rateOf(stratum: string, plan: PlanRates): number {
  const base = stratum.replace(/\|campaign$/, '');
  const r = plan.rates[base] ?? plan.defaultRate;
  return stratum.endsWith('|campaign') && plan.campaign ? Math.max(r, plan.campaign.rate) : r;
}

/**
 * Step 1 of the algorithm, one unit at a time in USCI order: a unit is set aside with its reason or joins its
 * stratum (only its USCI is kept).
 */
class Strata {
  readonly setAside: SetAside[] = [];
  readonly byStratum = new Map<string, string[]>();
  // A stratum's list is found without building its key (a province's directory passes through `add`).
  private readonly listOf = new Map<string, string[]>();
  private readonly yearAgo: string;
  private readonly intervalStart: string;
  private readonly twoYearsAgo: string;
  constructor(
    private readonly plan: PlanRates,
    private readonly drawDate: string,
  ) {
    this.yearAgo = monthsBefore(drawDate, 12);
    this.intervalStart = monthsBefore(drawDate, plan.minMonthsBetween);
    this.twoYearsAgo = monthsBefore(drawDate, 24);
  }

  add(u: DrawUnit): void {
    const { plan, drawDate } = this;
    let recent = 0;
    for (const d of u.drawnOn) if (d > this.yearAgo && d <= drawDate) recent++;
    if (recent >= plan.maxDrawsPerYear) this.setAside.push({ usci: u.usci, reason: 'cap_per_year' });
    else if (plan.minMonthsBetween > 0 && u.drawnOn.length > 0 && u.drawnOn.some((d) => d > this.intervalStart && d <= drawDate))
      this.setAside.push({ usci: u.usci, reason: 'cap_interval' });
    else if (plan.excludeSelfCommitted && u.selfCommitment && u.riskLevel === 'low' && !(u.lastFireOn && u.lastFireOn > this.twoYearsAgo))
      this.setAside.push({ usci: u.usci, reason: 'self_committed' });
    else if (u.inspectedForPurpose) this.setAside.push({ usci: u.usci, reason: 'already_inspected' });
    else {
      const campaign = plan.campaign && u.venueKind && plan.campaign.venueKinds.includes(u.venueKind) ? 1 : 0;
      const short = `${u.riskLevel}${u.creditLevel}${u.keyUnit ? 1 : 0}${campaign}`;
      let list = this.listOf.get(short);
      if (!list) {
        list = [];
        this.listOf.set(short, list);
        this.byStratum.set(stratumOf(u, plan), list);
      }
      list.push(u.usci);
    }
  }
}

/** Steps 2 to 4: the sample of each stratum and two inspectors for each unit drawn. */
function drawStrata(strataOf: Strata, inspectorList: readonly DrawInspector[], plan: PlanRates, seed: string, inputsHash: string, hash: Hash): DrawResult {
  return finish(drawStrataSteps(strataOf, inspectorList, plan, seed, inputsHash, hash));
}

/** `drawStrata` in steps: a pause after each stratum drawn. */
function* drawStrataSteps(
  strataOf: Strata,
  inspectorList: readonly DrawInspector[],
  plan: PlanRates,
  seed: string,
  inputsHash: string,
  hash: Hash,
): Generator<void, DrawResult, void> {
  const stream = new DrawStream(seed, hash);
  const inspectors = [...inspectorList].sort((a, b) => (a.userId < b.userId ? -1 : 1));
  // Most units have no conflicted inspector: they draw from the whole list; the few that do, from the rest.
  const conflictsOf = new Map<string, Set<string>>();
  for (const i of inspectors) for (const usci of i.conflicts) conflictsOf.set(usci, (conflictsOf.get(usci) ?? new Set()).add(i.userId));
  const drawn: DrawnUnit[] = [];
  const strata: DrawResult['strata'] = [];
  const unstaffed: string[] = [];
  const { byStratum, setAside } = strataOf;
  for (const key of [...byStratum.keys()].sort()) {
    const units = byStratum.get(key)!;
    const rate = rateOf(key, plan);
    const n = rate <= 0 ? 0 : Math.min(units.length, Math.max(1, Math.round(units.length * rate)));
    const pool = [...units];
    for (let i = 0; i < n; i++) {
      const j = i + stream.int(pool.length - i);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    strata.push({ key, eligible: units.length, rate, drawn: n });
    for (const usci of pool.slice(0, n)) {
      const conflicted = conflictsOf.get(usci);
      const free = conflicted ? inspectors.filter((i) => !conflicted.has(i.userId)) : inspectors;
      if (free.length < 2) {
        unstaffed.push(usci);
        continue;
      }
      const a = stream.int(free.length);
      let b = stream.int(free.length - 1);
      if (b >= a) b++;
      drawn.push({ usci, stratum: key, inspectors: [free[a]!.userId, free[b]!.userId] });
    }
    yield;
  }
  return { seed, inputsHash, drawn, strata, setAside, unstaffed };
}

/**
 * Runs the draw. `inputsHash` is the published hash of the input (computed here when not given); units
 * already sorted by USCI (as the published file is) are not sorted again.
 */
export function runDraw(input: DrawInput, publicValue: string, hash: Hash, inputsHash = drawInputsHash(input, hash)): DrawResult {
  const seed = drawSeed(publicValue, inputsHash, hash);
  const sorted = input.units.every((u, i, a) => i === 0 || a[i - 1]!.usci < u.usci) ? input.units : [...input.units].sort((a, b) => (a.usci < b.usci ? -1 : 1));
  const strata = new Strata(input.plan, input.drawDate);
  for (const u of sorted) strata.add(u);
  return drawStrata(strata, input.inspectors, input.plan, seed, inputsHash, hash);
}

/**
 * Runs the draw over the published text itself (`inputsHash` is its published hash): the same result as
 * `runDraw(parseDrawInput(text), …)`, but a unit's object lives only while it is sorted into its stratum. A
 * file whose units are not in USCI order is drawn through `runDraw`, which sorts them.
 */
export function runDrawOnText(text: string, publicValue: string, hash: Hash, inputsHash: string): DrawResult {
  return finish(drawOnTextSteps(text, publicValue, hash, inputsHash));
}

/**
 * `runDrawOnText` with a pause between steps (every 50,000 lines of the file, and after each stratum drawn): a server passes a pause that
 * lets its event loop turn, so that the seconds a province's file takes do not hold every other request. The result is
 * `runDrawOnText`'s, whatever the pause does.
 */
export async function runDrawOnTextPausing(text: string, publicValue: string, hash: Hash, inputsHash: string, pause: () => Promise<void>): Promise<DrawResult> {
  const steps = drawOnTextSteps(text, publicValue, hash, inputsHash);
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    await pause();
  }
}

function* drawOnTextSteps(text: string, publicValue: string, hash: Hash, inputsHash: string): Generator<void, DrawResult, void> {
  let strata: Strata | null = null;
  let previous = '';
  let drawable = true;
  const head = yield* scanDrawInputSteps(text, (u, plan, drawDate) => {
    if (!drawable) return;
    // drawInputLines writes the plan and the date before the units, in USCI order; any other file is drawn the long way.
    if (!plan || !drawDate || (previous !== '' && !(previous < u.usci))) {
      drawable = false;
      return;
    }
    previous = u.usci;
    strata ??= new Strata(plan, drawDate);
    strata.add(u);
  });
  if (!drawable) return runDraw(parseDrawInput(text), publicValue, hash, inputsHash);
  return yield* drawStrataSteps(
    strata ?? new Strata(head.plan, head.drawDate),
    head.inspectors,
    head.plan,
    drawSeed(publicValue, inputsHash, hash),
    inputsHash,
    hash,
  );
}

/** Runs a stepwise computation to its end without pausing. */
function finish<T>(steps: Generator<void, T, void>): T {
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}
