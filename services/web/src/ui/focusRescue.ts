/**
 * Keeps the keyboard's place when what had the focus goes away: a button that did its work and is no longer
 * offered (close the vote, publish, send the dossier), a row removed, a form replaced by its result. The browser
 * then puts the focus on <body>, and a keyboard or screen-reader user starts again from the top of the page.
 * Instead the focus goes to the heading of the nearest section still on the page (it says what changed there),
 * else the page's title. A confirmation's button is the usual case: the dialog gives the focus back to it on
 * closing, and it disappears when the record is read again. A button disabled while its request runs, and
 * offered again after, gets the focus back.
 */
export function installFocusRescue(root: HTMLElement): () => void {
  // The element that had the focus and its ancestors, nearest first, as they were when it took it.
  let chain: Element[] = [];
  const remember = (e: FocusEvent) => {
    chain = [];
    for (let el = e.target as Element | null; el && el !== root; el = el.parentElement) chain.push(el);
  };
  // Focus left on purpose (a click on the page's text or margin) while the element stays usable: nothing to keep.
  // A button disabled while its request runs loses the focus too, and is still the place to keep.
  const left = (e: FocusEvent) => {
    if (e.relatedTarget) return;
    const target = e.target as Element;
    queueMicrotask(() => {
      if (target.isConnected && !target.matches(':disabled') && chain[0] === target) chain = [];
    });
  };
  const rescue = () => {
    const [lost, ...around] = chain;
    if (!lost) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    // An open dialog holds the focus itself; its closing comes back here.
    if (root.querySelector('dialog[open]') && !lost.closest('dialog[open]')) return;
    // A button disabled while its request ran (register, save) and offered again: the focus goes back to it, where
    // the keyboard was (the result is announced by its message), not to the top of the page. Not scrolled to: the
    // page stays where its reader is. One that cannot take it (hidden since) leaves the heading below to do so.
    if (lost.isConnected) {
      if (lost.matches(':disabled') || !(lost instanceof HTMLElement)) return;
      chain = [];
      lost.focus({ preventScroll: true });
      if (document.activeElement === lost) return;
    }
    chain = [];
    const section = around.find((a) => a.isConnected && a.matches('section, .card'));
    const heading = section?.querySelector<HTMLElement>('h2, h3') ?? root.querySelector<HTMLElement>('h1');
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
    heading.focus();
  };
  // A press elsewhere (text, margin) is the person moving on: a button offered again later does not call them back.
  const pressed = (e: PointerEvent) => {
    if (chain[0] && !chain[0].contains(e.target as Node)) chain = [];
  };
  const observer = new MutationObserver(rescue);
  // `disabled` too: a button offered again after its request changes no child.
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  root.addEventListener('focusin', remember);
  root.addEventListener('focusout', left);
  root.addEventListener('pointerdown', pressed, true);
  // A dialog closing gives the focus back to its opener, which may be gone already (close does not bubble).
  const closed = () => setTimeout(rescue, 0);
  root.addEventListener('close', closed, true);
  return () => {
    observer.disconnect();
    root.removeEventListener('focusin', remember);
    root.removeEventListener('focusout', left);
    root.removeEventListener('pointerdown', pressed, true);
    root.removeEventListener('close', closed, true);
  };
}
