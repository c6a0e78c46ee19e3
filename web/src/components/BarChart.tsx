/**
 * A horizontal bar chart in SVG. It is one image to assistive technology, with every value in its
 * accessible name; the page shows the same figures in a table next to it.
 */
export function BarChart({ title, bars, format }: { title: string; bars: { label: string; value: number }[]; format: (value: number) => string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 26;
  const labelWidth = 260;
  const width = 720;
  const description = bars.map((b) => `${b.label}: ${format(b.value)}`).join('; ');
  return (
    <figure className="margin-x-0">
      <figcaption className="text-bold">{title}</figcaption>
      <svg role="img" aria-label={`${title}. ${description}`} viewBox={`0 0 ${width} ${bars.length * rowHeight + 8}`} width="100%" style={{ maxWidth: width }}>
        {bars.map((b, i) => {
          const barWidth = Math.round(((width - labelWidth - 110) * b.value) / max);
          const y = i * rowHeight + 4;
          return (
            <g key={b.label}>
              <text x={0} y={y + 16} fontSize="13" fill="#1b1b1b">
                {b.label.length > 34 ? `${b.label.slice(0, 33)}…` : b.label}
              </text>
              <rect x={labelWidth} y={y + 3} width={barWidth} height={rowHeight - 8} fill="#005ea2" />
              <text x={labelWidth + barWidth + 6} y={y + 16} fontSize="13" fill="#1b1b1b">
                {format(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
