import { renderMarkdown } from './Markdown';

describe('renderMarkdown', () => {
  it('renders headings one level down (the page title is the h1), code and lists', () => {
    const html = renderMarkdown('# Echo\n\n## Close\n\nCall `shutdown(fd, SHUT_WR)`:\n\n- then read to EOF\n');
    expect(html).toContain('<h2>Echo</h2>');
    expect(html).toContain('<h3>Close</h3>');
    expect(renderMarkdown('###### Deep', 2)).toContain('<h6>Deep</h6>');
    expect(html).toContain('<code>shutdown(fd, SHUT_WR)</code>');
    expect(html).toContain('<li>then read to EOF</li>');
  });

  it('escapes raw HTML and refuses script links', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img');
    expect(html).not.toContain('href="javascript:');
  });
});
