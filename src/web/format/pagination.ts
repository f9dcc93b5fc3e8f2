/** What govukPagination takes: previous and next links, and numbered pages with ellipses between. */
export interface Pagination {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: string; href: string; current: boolean } | { ellipsis: true })[];
}

/**
 * Links for page `page` of `pages`, keeping every other query parameter of `base`: the first and
 * last pages, and those next to the current one. Undefined when everything fits on one page.
 */
export function pagination(base: URLSearchParams, path: string, page: number, pages: number): Pagination | undefined {
  if (pages <= 1) return undefined;
  const href = (n: number) => {
    const query = new URLSearchParams(base);
    query.set('page', String(n));
    return `${path}?${query.toString()}`;
  };
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: Pagination['items'] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1] > 1) items.push({ ellipsis: true });
    items.push({ number: String(n), href: href(n), current: n === page });
  });
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    items,
  };
}
