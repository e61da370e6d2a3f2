/**
 * When something happened, as a person reads it: `2025-03-04 13:06:07` in this machine's time zone.
 * Records keep ISO 8601 UTC; every view (CLI `list` and `compare`, the Models view) shows this one
 * spelling, so the same run never reads as two different times.
 */
export function localTimeText(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())} ` +
    `${p(t.getHours())}:${p(t.getMinutes())}:${p(t.getSeconds())}`
  );
}
