import MarkdownIt from 'markdown-it';
import { useMemo } from 'react';

/**
 * Markdown as HTML. Raw HTML in the source is escaped, not rendered (`html: false`), and
 * markdown-it refuses javascript:, vbscript: and data: links (except images), so an
 * exercise author cannot inject script into a learner's page.
 *
 * Headings are moved down so the document's top level is `topLevel` (h2 by default): the
 * page's own title is its only h1, and screen-reader heading navigation stays in order.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

export function renderMarkdown(source: string, topLevel = 2): string {
  const tokens = markdown.parse(source, {});
  const shift = topLevel - 1;
  for (const token of tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + shift)}`;
    }
  }
  return markdown.renderer.render(tokens, markdown.options, {});
}

export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return <div className={className ?? 'markdown'} dangerouslySetInnerHTML={{ __html: html }} />;
}
