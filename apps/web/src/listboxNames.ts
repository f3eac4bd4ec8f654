/**
 * Gives every open option list of a select an accessible name.
 *
 * antd's Select renders its options in a `role="listbox"` element (`<field id>_list`) that carries no
 * name, so a screen reader announces “list box” without saying which field it belongs to, and axe-core
 * reports it as a serious violation (WCAG 4.1.2, rule aria-input-field-name) whenever a dropdown is open.
 * The select that owns the list (`aria-controls`) is already named by its form label, and a screen
 * reader announces the list in that context; the list gets a short generic name. It deliberately does
 * not repeat the field's label, so that “the field labelled 承办人” still means the select alone.
 * One observer on the document covers every select of every page.
 */
export function nameListbox(listbox: Element): void {
  if (listbox.hasAttribute('aria-label') || listbox.hasAttribute('aria-labelledby')) return;
  listbox.setAttribute('aria-label', '可选项');
}

function nameAll(root: ParentNode): void {
  for (const el of root.querySelectorAll('[role="listbox"]')) nameListbox(el);
}

/** Names the lists present now and every one a dropdown adds later. */
export function installListboxNames(): void {
  nameAll(document);
  new MutationObserver((records) => {
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.getAttribute('role') === 'listbox') nameListbox(node);
        nameAll(node);
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
}
