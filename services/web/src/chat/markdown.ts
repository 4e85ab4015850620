import { Marked } from 'marked';

/**
 * Renders an answer's Markdown (GitHub flavour: tables become tables) to HTML that is safe to
 * insert. Answers repeat data from Airtable, which anyone with write access to a base can
 * fill with `<script>` or `<img onerror>`: raw HTML is therefore shown as text, never parsed,
 * and links keep only http(s) and mailto targets.
 */
const markdown = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
    link({ href, title, tokens }) {
      const label = this.parser.parseInline(tokens);
      if (!/^(https?:|mailto:)/i.test(href)) return label;
      const titleAttribute = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(href)}"${titleAttribute} rel="noopener noreferrer" target="_blank">${label}</a>`;
    },
    image({ text }) {
      // Images would load from anywhere the data points to; the CSP blocks them anyway.
      return escapeHtml(text);
    },
  },
});

/** The HTML of an answer's Markdown, with raw HTML escaped. */
export function renderMarkdown(source: string): string {
  return markdown.parse(source, { async: false });
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
