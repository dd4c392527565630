import { Button } from 'react-aria-components';

/**
 * Keyset paging: the API hands out `nextCursor`; the cursors of the pages already seen are kept so
 * "Previous" goes back without the API having to page backwards.
 */
export function Pager({
  page,
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  label,
}: {
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  label: string;
}) {
  return (
    <nav className="pager" aria-label={label}>
      <Button className="button" isDisabled={!hasPrevious} onPress={onPrevious}>
        Previous
      </Button>
      <span aria-live="polite">Page {page}</span>
      <Button className="button" isDisabled={!hasNext} onPress={onNext}>
        Next
      </Button>
    </nav>
  );
}
