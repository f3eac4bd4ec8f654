import * as domain from '@fep/domain';

/**
 * Finds internal codes in the text a person reads (issue 11 item 4: "no internal code reaches a person"):
 * policy version keys, requirement IDs, `|`-joined keys, snake_case / dotted / camelCase identifiers,
 * error codes, JSON, and the bare lowercase enum values of the shared label maps (`ktv`, `pending`).
 * Every browser test runs it on every page (support.ts); raw-codes.test.ts plants examples.
 */

/** Requirement ID prefixes of /work/shared/REQUIREMENTS.md (LIC-03, SUP-13, …) and the issue tracker's INC. */
const REQUIREMENT_PREFIXES = ['CMP', 'CRD', 'ENF', 'FIR', 'INC', 'LIC', 'MKT', 'MON', 'OVS', 'SUP', 'SVC'];

/** Lowercase keys (3+ letters) of every `…_LABELS` map @fep/domain exports: the enum values people must never see raw. */
function enumValues(): string[] {
  const values = new Set<string>();
  for (const [name, map] of Object.entries(domain)) {
    if (!/_LABELS$/.test(name) || typeof map !== 'object' || map === null) continue;
    for (const key of Object.keys(map)) if (/^[a-z]{3,}$/.test(key)) values.add(key);
  }
  return [...values].sort();
}

const PATTERNS: { what: string; re: RegExp }[] = [
  { what: '政策版本键', re: /[a-z]+\.[a-z_]+@\S*/g },
  { what: '需求编号', re: new RegExp(`\\b(?:${REQUIREMENT_PREFIXES.join('|')})-\\d\\d\\b`, 'g') },
  { what: '“|”连接的键', re: /\w+(?:\|\w+)+/g },
  { what: 'JSON', re: /\{\s*"|"\s*:\s*[[{"\d]|\[\s*\{/g },
  { what: '错误代码', re: /\b[A-Z]{2,}(?:\.[A-Z][A-Z_]+)+\b/g },
  { what: '下划线标识符', re: /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g },
  { what: '点分标识符', re: /\b[a-z]+(?:\.[a-z_]+)+\b/g },
  { what: '驼峰标识符', re: /\b[a-z]+[A-Z][A-Za-z]*\b/g },
];
const ENUM_WORD = new RegExp(`(?<![A-Za-z0-9_.@/-])(?:${enumValues().join('|')})(?![A-Za-z0-9_.-])`, 'g');

/** What a person may legitimately read that looks like code: links, e-mail addresses, file names. */
// Also the placeholders of a document-number template ({agency}消责改字〔{year}〕第{seq}号), which the policy page
// shows as the administrator edits it and its help text explains.
const ALLOWED = [
  /\{(?:agency|region|year|seq)\}/g,
  /https?:\/\/\S+/g,
  /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g,
  /[^\s/\\:*?"<>|]+\.(?:pdf|png|jpe?g|xlsx?|csv|docx?|ofd)\b/gi,
];

export interface RawCode {
  what: string;
  text: string;
}

/** The internal codes in a page's text (empty when the text is fit for a person). */
export function findRawCodes(text: string): RawCode[] {
  const found: RawCode[] = [];
  const seen = new Set<string>();
  const add = (what: string, t: string) => {
    if (seen.has(t)) return;
    seen.add(t);
    found.push({ what, text: t });
  };
  // Each finding is taken out of the text, so that one code is named once (a version key is not also a
  // dotted and a snake_case identifier). Version keys look like e-mail addresses: they go before those are set aside.
  const take = (rest: string, what: string, re: RegExp) =>
    rest.replace(re, (m) => {
      add(what, m);
      return ' ';
    });
  const [versionKey, ...others] = PATTERNS as [(typeof PATTERNS)[number], ...typeof PATTERNS];
  let rest = take(text, versionKey.what, versionKey.re);
  for (const re of ALLOWED) rest = rest.replace(re, ' ');
  for (const { what, re } of others) rest = take(rest, what, re);
  take(rest, '枚举代码', ENUM_WORD);
  return found;
}

/** One line per finding with some text around it, for a test failure. */
export function describeRawCodes(text: string, found: RawCode[]): string {
  return found
    .map((f) => {
      const at = text.indexOf(f.text);
      const around = at < 0 ? f.text : text.slice(Math.max(0, at - 30), at + f.text.length + 30).replace(/\s+/g, ' ');
      return `  ${f.what} “${f.text}” in “…${around}…”`;
    })
    .join('\n');
}

/**
 * Runs in the page (a string for addInitScript, so it needs nothing from this module): the visible text
 * (its visible text nodes), the title, aria-label, placeholder and alt attributes and the values of text
 * fields, handed to the binding `__fepRawCodes` shortly after the document loads and after DOM changes settle.
 */
export const PAGE_SCRIPT = `(() => {
  if (window.__fepRawCodesInstalled) return;
  window.__fepRawCodesInstalled = true;
  // The text a person sees: text nodes outside hidden subtrees and outside zero-size clipped boxes (where
  // component libraries keep screen-reader-only copies of option values; their aria-labels are scanned below).
  const visibleText = () => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType === Node.TEXT_NODE) return node.nodeValue.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
        const el = node;
        if (el.tagName === 'SCRIPT' || el.tagName === 'STYLE' || el.tagName === 'NOSCRIPT') return NodeFilter.FILTER_REJECT;
        if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true })) return NodeFilter.FILTER_REJECT;
        const style = getComputedStyle(el);
        if (style.overflow !== 'visible' && (el.offsetWidth === 0 || el.offsetHeight === 0) && style.display !== 'contents') return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_SKIP;
      },
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n.nodeValue.trim());
    return out.join(' ');
  };
  const collect = () => {
    if (!document.body) return '';
    const parts = [document.title, visibleText()];
    for (const el of document.querySelectorAll('[title],[aria-label],[placeholder],img[alt]')) {
      // antd's icons name themselves in English (aria-label="close", "file-text"): the component library's, not ours.
      if (el.classList.contains('anticon')) continue;
      for (const a of ['title', 'aria-label', 'placeholder', 'alt']) { const v = el.getAttribute(a); if (v) parts.push(v); }
    }
    // What the person typed is theirs (an account name such as legal_reviewer.211000 is not a code we show).
    for (const el of document.querySelectorAll('textarea, input:not([type]), input[type=text], input[type=search]')) if (el.value && el.getAttribute('autocomplete') !== 'username') parts.push(el.value);
    return parts.join('\\n');
  };
  window.__fepCollectText = collect;
  let timer = 0;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => { try { window.__fepRawCodes?.(location.href, collect()); } catch {} }, 250);
  };
  const start = () => {
    schedule();
    new MutationObserver(schedule).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['title', 'aria-label', 'placeholder', 'value'] });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();`;
