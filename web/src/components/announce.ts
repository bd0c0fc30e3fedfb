// One polite live region for the whole app: "Đã lưu", "Đã đổi vai trò", … are read out by screen readers.
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";

let show: (text: string) => void = () => undefined;

export function announce(text: string): void {
  show(text);
}

export function LiveStatus() {
  const [text, setText] = useState("");
  useEffect(() => {
    show = setText;
    return () => {
      show = () => undefined;
    };
  }, []);
  return html`<p class="live-status" role="status" aria-live="polite" data-testid="live-status">${text}</p>`;
}
