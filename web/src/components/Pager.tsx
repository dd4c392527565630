import { Button } from 'react-aria-components';
import type { KeysetPages } from './use-keyset-pages.js';

/**
 * Keyset paging: the API hands out `nextCursor`; the cursors of the pages already seen are kept so
 * "Previous" goes back without the API having to page backwards.
 */
export function Pager({
  pages,
  nextCursor,
  label,
}: {
  pages: KeysetPages;
  /** The page on screen's `nextCursor`: none while it loads or on the last page. */
  nextCursor: string | null | undefined;
  label: string;
}) {
  return (
    <nav className="pager" aria-label={label}>
      <Button className="button" isDisabled={!pages.hasPrevious} onPress={pages.previous}>
        Previous
      </Button>
      <span aria-live="polite">Page {pages.page}</span>
      <Button
        className="button"
        isDisabled={!nextCursor}
        onPress={() => nextCursor && pages.next(nextCursor)}
      >
        Next
      </Button>
    </nav>
  );
}
