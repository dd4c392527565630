import { type ReactNode, useEffect } from 'react';

/** A screen's heading and the document title, which screen readers announce on navigation. */
export function Screen({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Forge Credits`;
  }, [title]);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen__header">
        <h1 id="screen-title">{title}</h1>
        {actions}
      </header>
      {children}
    </section>
  );
}
