import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/chat/markdown.ts';

describe('renderMarkdown', () => {
  it('renders GitHub tables as tables', () => {
    const html = renderMarkdown('| Deal | Amount |\n| --- | --- |\n| Acme | 100 |\n');
    expect(html).toContain('<table>');
    expect(html).toContain('<th>Deal</th>');
    expect(html).toContain('<td>Acme</td>');
  });

  it('shows raw HTML as text, in blocks and inline', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nName: <img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('drops javascript: links but keeps their text', () => {
    const html = renderMarkdown('[click](javascript:alert(1)) and [docs](https://airtable.com)');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('click');
    expect(html).toContain('href="https://airtable.com"');
  });
});
