// A name or tagline with the words the search matched marked (the API's `highlight` segments).

export type Segments = { text: string; match: boolean }[];

export function Highlighted({ segments, text }: { segments?: Segments; text: string }) {
  if (!segments || segments.length === 0 || !segments.some((s) => s.match)) return <>{text}</>;
  return (
    <>
      {segments.map((s, i) =>
        s.match ? (
          <mark key={i} className="rounded-sm bg-amber-100 text-inherit">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
