// Server-rendered pages for citizens: every interpolated value is escaped unless it is already Html.
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Part = Html | string | number | null | undefined | false | Part[];

function render(p: Part): string {
  if (p === null || p === undefined || p === false) return '';
  if (Array.isArray(p)) return p.map(render).join('');
  if (p instanceof Html) return p.value;
  return escapeHtml(String(p));
}

/** Tagged template: html`<p>${text}</p>` escapes text; nested html`` and arrays of them pass through. */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0]!;
  parts.forEach((p, i) => { out += render(p) + strings[i + 1]!; });
  return new Html(out);
}

export function raw(s: string): Html {
  return new Html(s);
}

/** A refusal of a whole public form (not of a field), where the summary of field issues would be; both forms style .errors. */
export function problemBox(text: string): Html {
  return html`<div class="errors" role="alert" tabindex="-1" id="errors"><p>${text}</p></div>`;
}
