/**
 * 跳到主要内容: the first thing a keyboard or screen-reader user reaches on every page (WCAG 2.4.1 Bypass
 * Blocks). Hidden until focused; moves focus to the page's `<main id="main">` (portal pages, back-office
 * content, field record, login) without touching the router's URL.
 */
export function SkipLink() {
  return (
    // biome-ignore lint/a11y/useValidAnchor: a real link to #main that works without script; the handler only keeps the router's URL clean and moves focus
    <a
      className="skip-link"
      href="#main"
      onClick={(e) => {
        const main = document.getElementById('main');
        if (!main) return;
        e.preventDefault();
        if (!main.hasAttribute('tabindex')) main.setAttribute('tabindex', '-1');
        main.focus();
        main.scrollIntoView();
      }}
    >
      跳到主要内容
    </a>
  );
}
