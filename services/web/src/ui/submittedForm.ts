/**
 * The form last submitted on the page. Safari does not focus a button when it is clicked or tapped, so the focused
 * element does not always say which form is being sent; the submit event does.
 */
let last: HTMLFormElement | null = null;
if (typeof document !== 'undefined')
  document.addEventListener(
    'submit',
    (e) => {
      if (e.target instanceof HTMLFormElement) last = e.target;
    },
    true,
  );

/** The form being sent or confirmed: the focused element's, else the one submitted last (still on the page). */
export function formInUse(): HTMLFormElement | null {
  const focused = document.activeElement?.closest('form');
  if (focused) return focused;
  return last?.isConnected ? last : null;
}
