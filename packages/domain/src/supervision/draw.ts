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

/** Lines read between two pauses of a stepwise scan (`scanDrawInputSteps`, `runDrawOnBytesPausing`). */
const LINES_PER_STEP = 50_000;

/** The file's lines other than units: the plan, the date and the inspectors, read as they come. */
interface DrawInputHead {
  plan: PlanRates | null;
  drawDate: string;
  inspectors: DrawInspector[];
}

/**
 * A unit's line `text[start, end)` (`unit usci risk credit key kind self lastFire drawnOn inspected`) as its object;
 * the reading of the text and of the bytes (one line decoded) share it. `kinds` makes one string per venue kind, `none`
 * is the reading's one empty list of dates.
 */
function unitOfLine(text: string, start: number, end: number, lineNo: number, kinds: Map<string, string>, none: string[]): DrawUnit {
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
  return {
    usci: text.slice(t1 + 1, t2),
    riskLevel: levelAt(text, t2 + 1, t3) as RiskLevel,
    creditLevel: levelAt(text, t3 + 1, t4) as CreditLevel,
    keyUnit: t5 - t4 === 2 && text.charCodeAt(t4 + 1) === 49,
    venueKind,
    selfCommitment: t7 - t6 === 2 && text.charCodeAt(t6 + 1) === 49,
    lastFireOn: dashAt(text, t7 + 1, t8) ? null : text.slice(t7 + 1, t8),
    drawnOn: dashAt(text, t8 + 1, t9) ? none : text.slice(t8 + 1, t9).split(','),
    inspectedForPurpose: e9 - t9 === 2 && text.charCodeAt(t9 + 1) === 49,
  };
}

/** A line other than a unit's (`inspector`, `plan`, `date`) read into `head`; the record's name is returned. */
function readRecordLine(line: string, lineNo: number, head: DrawInputHead): string {
  const f = line.split('\t');
  switch (f[0]) {
    case 'inspector':
      head.inspectors.push({ userId: f[1]!, conflicts: f[2] === '-' ? [] : f[2]!.split(',') });
      break;
    case 'plan':
      head.plan = JSON.parse(f[1]!) as PlanRates;
      break;
    case 'date':
      head.drawDate = f[1]!;
      break;
    default:
      throw new Error(`draw input line ${lineNo}: unknown record ${f[0]}`);
  }
  return f[0];
}

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
  const head: DrawInputHead = { plan: null, drawDate: '', inspectors: [] };
  const kinds = new Map<string, string>();
  const none: string[] = [];
  let lineNo = 1;
  while (pos < text.length - 1) {
    const start = pos + 1;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    pos = end;
    lineNo++;
    if (lineNo % LINES_PER_STEP === 0) yield;
    if (end === start) continue;
    if (text.startsWith('unit\t', start)) onUnit(unitOfLine(text, start, end, lineNo, kinds, none), head.plan, head.drawDate);
    else readRecordLine(text.slice(start, end), lineNo, head);
  }
  const { plan, drawDate, inspectors } = head;
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
  // The block's eight 32-bit words (Number.parseInt of its hex in eight slices), read from `used` on.
  private readonly buffer: number[] = [];
  private used = 0;
  constructor(
    private readonly seed: string,
    private readonly hash: Hash,
  ) {}

  private next32(): number {
    if (this.used === this.buffer.length) {
      const h = this.hash(`${this.seed}|${this.counter++}`);
      for (let i = 0; i < 8; i++) this.buffer[i] = hexWord(h, i * 8);
      this.used = 0;
    }
    return this.buffer[this.used++]!;
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

const HEX_DIGIT = new Int8Array(128).fill(-1);
for (let d = 0; d < 16; d++) {
  HEX_DIGIT[d.toString(16).charCodeAt(0)] = d;
  HEX_DIGIT[d.toString(16).toUpperCase().charCodeAt(0)] = d;
}

/** `Number.parseInt(h.slice(at, at + 8), 16)`, without the slice when the eight characters are hex digits. */
function hexWord(h: string, at: number): number {
  let v = 0;
  for (let k = at; k < at + 8; k++) {
    const c = h.charCodeAt(k);
    const d = c < 128 ? HEX_DIGIT[c]! : -1;
    if (d < 0) return Number.parseInt(h.slice(at, at + 8), 16);
    v = v * 16 + d;
  }
  return v;
}

function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const yy = Math.floor(total / 12);
  const mm = (total % 12) + 1;
  const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  return `${yy}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function stratumOf(u: Pick<DrawUnit, 'riskLevel' | 'creditLevel' | 'keyUnit' | 'venueKind'>, plan: PlanRates): string {
  const campaign = plan.campaign && u.venueKind && plan.campaign.venueKinds.includes(u.venueKind) ? '|campaign' : '';
  return `${u.riskLevel}|${u.creditLevel}|${u.keyUnit ? 'key' : 'general'}${campaign}`;
}

export function rateOf(stratum: string, plan: PlanRates): number {
  const base = stratum.replace(/\|campaign$/, '');
  const r = plan.rates[base] ?? plan.defaultRate;
  return stratum.endsWith('|campaign') && plan.campaign ? Math.max(r, plan.campaign.rate) : r;
}

/** A stratum's units in USCI order as the draw reads them: how many, and the USCI at a position. */
interface StratumUnits {
  readonly length: number;
  at(i: number): string | undefined;
}

/** A stratum's units as step 1 gathers them: by USCI (a list of strings) or by where the USCI is in the file. */
interface StratumList<R> extends StratumUnits {
  push(ref: R): unknown;
}

/**
 * Step 1 of the algorithm, one unit at a time in USCI order: a unit is set aside with its reason or joins its
 * stratum (only a reference to its USCI is kept: the USCI itself, or its place in the file's bytes).
 */
class Strata<R> {
  readonly setAside: SetAside[] = [];
  readonly byStratum = new Map<string, StratumList<R>>();
  // A stratum's list is found without building its key (a province's directory passes through `add`).
  private readonly listOf = new Map<string, StratumList<R>>();
  private readonly yearAgo: string;
  private readonly intervalStart: string;
  private readonly twoYearsAgo: string;
  constructor(
    readonly plan: PlanRates,
    readonly drawDate: string,
    private readonly newList: () => StratumList<R>,
  ) {
    this.yearAgo = monthsBefore(drawDate, 12);
    this.intervalStart = monthsBefore(drawDate, plan.minMonthsBetween);
    this.twoYearsAgo = monthsBefore(drawDate, 24);
  }

  add(u: DrawUnit, ref: R): void {
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
      this.listFor(`${u.riskLevel}${u.creditLevel}${u.keyUnit ? 1 : 0}${campaign}`, u).push(ref);
    }
  }

  /**
   * The list of the stratum known by `short` (levels, key 0/1, campaign 0/1 run together), made when first met
   * under the key `stratumOf(u)` of the unit that meets it first.
   */
  listFor(short: string, u: Pick<DrawUnit, 'riskLevel' | 'creditLevel' | 'keyUnit' | 'venueKind'>): StratumList<R> {
    let list = this.listOf.get(short);
    if (!list) {
      list = this.newList();
      this.listOf.set(short, list);
      this.byStratum.set(stratumOf(u, this.plan), list);
    }
    return list;
  }
}

/** Units drawn (or inspectors given) between two pauses inside one stratum of a stepwise draw. */
const DRAWS_PER_STEP = 5_000;

/**
 * Steps 2 to 4: the sample of each stratum and two inspectors for each unit drawn, in steps: a pause after each stratum
 * drawn, and inside a stratum after every 5,000 units picked and every 5,000 units given their inspectors.
 */
function* drawStrataSteps(
  strataOf: { byStratum: ReadonlyMap<string, StratumUnits>; setAside: SetAside[] },
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
    // The partial Fisher–Yates shuffle of the stratum's positions 0 … N-1, the stratum itself not copied: picked[i] is
    // the position swapped to i; moved[j] is 1 + the position at j once a swap has put another there (0: j itself), so
    // the positions no swap touched cost nothing (a zeroed array, not a copy of the stratum).
    const N = units.length;
    const picked = new Int32Array(n);
    const moved = new Int32Array(N);
    for (let i = 0; i < n; i++) {
      if (i > 0 && i % DRAWS_PER_STEP === 0) yield;
      const j = i + stream.int(N - i);
      const atJ = moved[j]!;
      const atI = moved[i]!;
      picked[i] = atJ === 0 ? j : atJ - 1;
      moved[j] = atI === 0 ? i + 1 : atI;
    }
    strata.push({ key, eligible: N, rate, drawn: n });
    for (let k = 0; k < n; k++) {
      if (k > 0 && k % DRAWS_PER_STEP === 0) yield;
      const usci = units.at(picked[k]!)!;
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
  return finish(drawInputSteps(input, publicValue, hash, inputsHash));
}

/** `runDraw` in steps: a pause after every 50,000 units sorted into their strata, then `drawStrataSteps`'s. */
function* drawInputSteps(input: DrawInput, publicValue: string, hash: Hash, inputsHash: string): Generator<void, DrawResult, void> {
  const seed = drawSeed(publicValue, inputsHash, hash);
  const sorted = input.units.every((u, i, a) => i === 0 || a[i - 1]!.usci < u.usci) ? input.units : [...input.units].sort((a, b) => (a.usci < b.usci ? -1 : 1));
  const strata = new Strata<string>(input.plan, input.drawDate, () => []);
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && i % LINES_PER_STEP === 0) yield;
    const u = sorted[i]!;
    strata.add(u, u.usci);
  }
  return yield* drawStrataSteps(strata, input.inspectors, input.plan, seed, inputsHash, hash);
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
 * `runDrawOnText` with a pause between steps (every 50,000 lines of the file, after each stratum drawn, and inside a stratum
 * every 5,000 units picked or given their inspectors): a server passes a pause that lets its event loop turn, so that
 * the seconds a province's file takes do not hold every other request. The result is `runDrawOnText`'s, whatever the
 * pause does.
 */
export async function runDrawOnTextPausing(text: string, publicValue: string, hash: Hash, inputsHash: string, pause: () => Promise<void>): Promise<DrawResult> {
  return pausing(drawOnTextSteps(text, publicValue, hash, inputsHash), pause);
}

function* drawOnTextSteps(text: string, publicValue: string, hash: Hash, inputsHash: string): Generator<void, DrawResult, void> {
  let strata: Strata<string> | null = null;
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
    strata ??= new Strata<string>(plan, drawDate, () => []);
    strata.add(u, u.usci);
  });
  // A plan or date line after the first unit: the units were sorted with another.
  const sorted = strata as Strata<string> | null;
  if (sorted && (sorted.plan !== head.plan || sorted.drawDate !== head.drawDate)) drawable = false;
  if (!drawable) return runDraw(parseDrawInput(text), publicValue, hash, inputsHash);
  return yield* drawStrataSteps(
    strata ?? new Strata<string>(head.plan, head.drawDate, () => []),
    head.inspectors,
    head.plan,
    drawSeed(publicValue, inputsHash, hash),
    inputsHash,
    hash,
  );
}

/**
 * Runs the draw over the published file's bytes (UTF-8, `inputsHash` its published hash) without decoding the file:
 * the same result as `runDraw(parseDrawInput(text), …)` where `text` is the bytes decoded (as `Buffer#toString('utf8')`
 * does). A stratum keeps where its units' USCIs are in the bytes; only the USCIs drawn and set aside become strings.
 * A file that is not as `drawInputLines` writes it (units in USCI order after the plan and date) is decoded and drawn
 * through `runDraw`.
 */
export function runDrawOnBytes(bytes: Uint8Array, publicValue: string, hash: Hash, inputsHash: string): DrawResult {
  return finish(drawOnBytesSteps(bytes, publicValue, hash, inputsHash));
}

/**
 * `runDrawOnBytes` with a pause between steps — every 50,000 lines of the file, after each stratum drawn and every 5,000
 * units picked or staffed inside a stratum — as `runDrawOnTextPausing` pauses. The result is `runDrawOnBytes`'s, whatever
 * the pause does.
 */
export async function runDrawOnBytesPausing(
  bytes: Uint8Array,
  publicValue: string,
  hash: Hash,
  inputsHash: string,
  pause: () => Promise<void>,
): Promise<DrawResult> {
  return pausing(drawOnBytesSteps(bytes, publicValue, hash, inputsHash), pause);
}

function* drawOnBytesSteps(file: Uint8Array, publicValue: string, hash: Hash, inputsHash: string): Generator<void, DrawResult, void> {
  // A plain view of the bytes: a Buffer's subarray (a USCI decoded) would make a Buffer each time.
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  const scan = new BytesScan(bytes);
  let read: boolean | null = false;
  try {
    for (read = scan.step(); read === false; read = scan.step()) yield;
  } catch {
    // Whatever the file holds that the scan did not foresee, `runDraw(parseDrawInput(text))` says what it makes of it.
    read = null;
  }
  if (!read || !scan.head.plan || !scan.head.drawDate) {
    const text = utf8.decode(bytes);
    const units: DrawUnit[] = [];
    const head = yield* scanDrawInputSteps(text, (u) => units.push(u));
    return yield* drawInputSteps({ ...head, units }, publicValue, hash, inputsHash);
  }
  const { plan, drawDate, inspectors } = scan.head;
  return yield* drawStrataSteps(
    scan.strata ?? new Strata<number>(plan, drawDate, () => new UsciOffsets(bytes)),
    inspectors,
    plan,
    drawSeed(publicValue, inputsHash, hash),
    inputsHash,
    hash,
  );
}

/** UTF-8 as `Buffer#toString('utf8')` decodes it: a byte-order mark is kept, a malformed sequence becomes U+FFFD. */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** bytes[from, to) decoded. */
const textOfBytes = (bytes: Uint8Array, from: number, to: number) => utf8.decode(bytes.subarray(from, to));

/** The USCI that starts at `from` in the file's bytes (up to its tab). */
function usciAt(bytes: Uint8Array, from: number): string {
  let to = from;
  while (bytes[to] !== 9) to++;
  return textOfBytes(bytes, from, to);
}

/**
 * Whether the USCI bytes[b0, b1) comes after bytes[a0, a1) as strings compare (UTF-16 code units): byte by byte while
 * the first difference is between ASCII bytes, by the decoded strings otherwise.
 */
function usciAfter(bytes: Uint8Array, a0: number, a1: number, b0: number, b1: number): boolean {
  let same = 0;
  while (a0 + same < a1 && b0 + same < b1 && bytes[a0 + same] === bytes[b0 + same]) same++;
  return usciAfterSame(bytes, a0, a1, b0, b1, same);
}

/** `usciAfter` when the two USCIs' first `same` bytes are known to be the same and to be all that is. */
function usciAfterSame(bytes: Uint8Array, a0: number, a1: number, b0: number, b1: number, same: number): boolean {
  // The first byte that differs (-1 where a USCI ends): the same bytes before it decode to the same characters when
  // it is ASCII or the end, and it is then the character that decides.
  const x = a0 + same < a1 ? bytes[a0 + same]! : -1;
  const y = b0 + same < b1 ? bytes[b0 + same]! : -1;
  if (x < 0x80 && y < 0x80) return x < y;
  return textOfBytes(bytes, a0, a1) < textOfBytes(bytes, b0, b1);
}

/** A stratum's units as the byte offsets of their USCIs in the file. */
class UsciOffsets implements StratumList<number> {
  length = 0;
  private offsets = new Uint32Array(256);
  constructor(private readonly bytes: Uint8Array) {}
  push(offset: number): void {
    if (this.length === this.offsets.length) {
      const more = new Uint32Array(this.length * 2);
      more.set(this.offsets);
      this.offsets = more;
    }
    this.offsets[this.length++] = offset;
  }
  at(i: number): string | undefined {
    return i >= 0 && i < this.length ? usciAt(this.bytes, this.offsets[i]!) : undefined;
  }
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const HEADER_LINE = ascii(`${DRAW_INPUT_HEADER}\n`);
const RISKS = ['low', 'medium', 'high'] as const;
const CREDITS = ['A', 'B', 'C', 'D'] as const;
/** Venue kinds whose campaign membership is remembered by their bytes; a file with more decodes the others each time. */
const KINDS_REMEMBERED = 64;
const TAB = 9;
const NL = 10;

/**
 * Step 1 over the file's bytes, 50,000 lines a step. A unit line as publication writes most of them — known levels,
 * key and self-commitment 0 or 1, no earlier draw, not inspected for the purpose — is sorted into its stratum by
 * comparing bytes, making no string and no object (the USCI's offset joins the stratum's list); any other unit line is
 * decoded and goes through `Strata.add` as the text's would. Every unit's USCI is checked to come after the one before.
 */
class BytesScan {
  readonly head: DrawInputHead = { plan: null, drawDate: '', inspectors: [] };
  strata: Strata<number> | null = null;
  private pos: number;
  private lineNo = 1;
  private resumed = false;
  private readonly kinds = new Map<string, string>();
  private readonly none: string[] = [];
  // The USCI of the unit before, bytes[prevStart, prevEnd); prevStart < 0 before the first unit.
  private prevStart = -1;
  private prevEnd = -1;
  // Set at the first unit, from the plan (as `Strata.add` reads it for a unit without history).
  private capsAll = false;
  private excludeSelf = false;
  private campaignOn = false;
  // Stratum lists by (risk, credit, key, campaign) index; venue kinds met (their bytes) and whether each is a campaign's.
  private readonly lists: (StratumList<number> | undefined)[] = Array.from({ length: RISKS.length * 16 }, () => undefined);
  private readonly kindAt: number[] = [];
  private readonly kindLength: number[] = [];
  private readonly kindInCampaign: boolean[] = [];

  private readonly words: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.words = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const ok = bytes.length < 2 ** 32 && bytes.length >= HEADER_LINE.length && HEADER_LINE.every((b, i) => bytes[i] === b);
    this.pos = ok ? HEADER_LINE.length : -1;
  }

  /** Reads up to the next pause: true when the file is read, false to pause, null when the file is to be drawn the long way. */
  step(): boolean | null {
    if (this.pos < 0) return null;
    const bytes = this.bytes;
    const n = bytes.length;
    let p = this.pos;
    let lineNo = this.lineNo;
    try {
      while (p < n) {
        // The text's reading pauses before every 50,000th line: so does this one.
        if ((lineNo + 1) % LINES_PER_STEP === 0 && !this.resumed) {
          this.resumed = true;
          return false;
        }
        this.resumed = false;
        lineNo++;
        if (bytes[p] === 117 && bytes[p + 1] === 110 && bytes[p + 2] === 105 && bytes[p + 3] === 116 && bytes[p + 4] === TAB) {
          const next = this.strata && !this.capsAll ? this.commonUnit(p) : -1;
          if (next >= 0) {
            p = next;
            continue;
          }
          if (next === -2) return null;
          const end = this.otherUnit(p, lineNo);
          if (end < 0) return null;
          p = end + 1;
          continue;
        }
        let end = bytes.indexOf(NL, p);
        if (end < 0) end = n;
        if (end > p) {
          const record = readRecordLine(utf8.decode(bytes.subarray(p, end)), lineNo, this.head);
          // A plan or date after the first unit: the units before it were read with another.
          if (this.prevStart >= 0 && record !== 'inspector') return null;
        }
        p = end + 1;
      }
      return true;
    } finally {
      this.pos = p;
      this.lineNo = lineNo;
    }
  }

  /**
   * The unit line at `p` if it is a common one: sorted into its stratum, the offset of the next line returned; -1
   * when it is not common (nothing done), -2 when its USCI does not come after the one before (common or not).
   */
  private commonUnit(p: number): number {
    const bytes = this.bytes;
    const n = bytes.length;
    const u0 = p + 5;
    let q = u0;
    // The USCI: as many bytes as are the same as the one before's (neither tab nor newline), then the rest.
    const a0 = this.prevStart;
    const a1 = this.prevEnd;
    const words = this.words;
    let i = a0;
    while (i + 4 <= a1 && q + 4 <= n && words.getUint32(i) === words.getUint32(q)) {
      i += 4;
      q += 4;
    }
    for (; i < a1 && bytes[i] === bytes[q]; i++) q++;
    const same = q - u0;
    let c = bytes[q];
    while (c !== TAB && c !== NL && q < n) c = bytes[++q];
    if (c !== TAB) return -1;
    const u1 = q;
    if (!usciAfterSame(bytes, a0, a1, u0, u1, same)) return -2;
    c = bytes[++q];
    let risk: number;
    if (c === 108 && bytes[q + 1] === 111 && bytes[q + 2] === 119 && bytes[q + 3] === TAB) {
      risk = 0;
      q += 4;
    } else if (
      c === 109 &&
      bytes[q + 1] === 101 &&
      bytes[q + 2] === 100 &&
      bytes[q + 3] === 105 &&
      bytes[q + 4] === 117 &&
      bytes[q + 5] === 109 &&
      bytes[q + 6] === TAB
    ) {
      risk = 1;
      q += 7;
    } else if (c === 104 && bytes[q + 1] === 105 && bytes[q + 2] === 103 && bytes[q + 3] === 104 && bytes[q + 4] === TAB) {
      risk = 2;
      q += 5;
    } else return -1;
    c = bytes[q];
    if (c === undefined || c < 65 || c > 68 || bytes[q + 1] !== TAB) return -1;
    const credit = c - 65;
    c = bytes[q + 2];
    if ((c !== 48 && c !== 49) || bytes[q + 3] !== TAB) return -1;
    const key = c - 48;
    q += 4;
    const k0 = q;
    c = bytes[q];
    while (c !== TAB && c !== NL && q < n) c = bytes[++q];
    if (c !== TAB) return -1;
    const k1 = q;
    c = bytes[++q];
    if ((c !== 48 && c !== 49) || bytes[q + 1] !== TAB) return -1;
    if (c === 49 && this.excludeSelf) return -1;
    q += 2;
    c = bytes[q];
    while (c !== TAB && c !== NL && q < n) c = bytes[++q];
    if (c !== TAB) return -1;
    // No earlier draw, not inspected for the purpose, and the line ends there.
    if (bytes[q + 1] !== 45 || bytes[q + 2] !== TAB || bytes[q + 3] !== 48 || (q + 4 < n && bytes[q + 4] !== NL)) return -1;
    this.prevStart = u0;
    this.prevEnd = u1;
    const campaign = this.campaignOn && this.inCampaign(k0, k1) ? 1 : 0;
    const index = risk * 16 + credit * 4 + key * 2 + campaign;
    let list = this.lists[index];
    if (!list) {
      const riskLevel = RISKS[risk]!;
      const creditLevel = CREDITS[credit]!;
      // The stratum key is stratumOf's: the campaign bit stands for a venue kind in the campaign.
      list = this.strata!.listFor(`${riskLevel}${creditLevel}${key}${campaign}`, {
        riskLevel,
        creditLevel,
        keyUnit: key === 1,
        venueKind: campaign ? textOfBytes(bytes, k0, k1) : null,
      });
      this.lists[index] = list;
    }
    list.push(u0);
    return q + 5;
  }

  private plan(): PlanRates {
    return this.strata!.plan;
  }

  /** Whether the venue kind bytes[k0, k1) (not `-`, the empty kind) is one of the plan's campaign. */
  private inCampaign(k0: number, k1: number): boolean {
    const bytes = this.bytes;
    if (k1 === k0 || (k1 - k0 === 1 && bytes[k0] === 45)) return false;
    const { kindAt, kindLength } = this;
    const length = k1 - k0;
    for (let i = 0; i < kindAt.length; i++) {
      if (kindLength[i] !== length) continue;
      const at = kindAt[i]!;
      let j = 0;
      while (j < length && bytes[at + j] === bytes[k0 + j]) j++;
      if (j === length) return this.kindInCampaign[i]!;
    }
    const inCampaign = this.plan().campaign!.venueKinds.includes(textOfBytes(bytes, k0, k1));
    if (kindAt.length < KINDS_REMEMBERED) {
      kindAt.push(k0);
      kindLength.push(length);
      this.kindInCampaign.push(inCampaign);
    }
    return inCampaign;
  }

  /** Any unit line at `p`, decoded and read as the text's; the offset of its end, or -1 to draw the long way. */
  private otherUnit(p: number, lineNo: number): number {
    const bytes = this.bytes;
    let end = bytes.indexOf(NL, p);
    if (end < 0) end = bytes.length;
    // Ten fields in the line (the text's reading looks for its tabs past the line's end otherwise).
    let tabs = 0;
    let u1 = -1;
    for (let i = p + 5; i < end && tabs < 8; i++)
      if (bytes[i] === TAB) {
        if (tabs++ === 0) u1 = i;
      }
    if (tabs < 8) return -1;
    const { plan, drawDate } = this.head;
    if (!plan || !drawDate) return -1;
    const u0 = p + 5;
    if (this.prevStart >= 0 && !usciAfter(bytes, this.prevStart, this.prevEnd, u0, u1)) return -1;
    this.prevStart = u0;
    this.prevEnd = u1;
    const line = utf8.decode(bytes.subarray(p, end));
    const u = unitOfLine(line, 0, line.length, lineNo, this.kinds, this.none);
    if (!this.strata) {
      this.strata = new Strata<number>(plan, drawDate, () => new UsciOffsets(bytes));
      this.capsAll = 0 >= plan.maxDrawsPerYear;
      this.excludeSelf = !!plan.excludeSelfCommitted;
      this.campaignOn = !!plan.campaign;
    }
    this.strata.add(u, u0);
    return end;
  }
}

/** Runs a stepwise computation with `pause` awaited between its steps. */
async function pausing<T>(steps: Generator<void, T, void>, pause: () => Promise<void>): Promise<T> {
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    await pause();
  }
}

/** Runs a stepwise computation to its end without pausing. */
function finish<T>(steps: Generator<void, T, void>): T {
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}
