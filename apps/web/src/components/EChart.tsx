import { useEffect, useRef, useState } from 'react';

const loadECharts = () => import('./echartsSetup.ts');
let loading: ReturnType<typeof loadECharts> | null = null;

export interface EChartProps {
  /** An ECharts option (series, axes …); replaced whole on each change. */
  option: Record<string, unknown>;
  /** A click on a bar or a slice: its category name and data index. */
  onClick?: (p: { name: string; dataIndex: number }) => void;
  'aria-label': string;
  className?: string;
}

/**
 * A chart drawn by ECharts, loaded on first use (its chunk is fetched only by the pages with a chart, after the
 * page itself has shown its figures). Resizes with its box (a phone turned, the side menu folded).
 */
export function EChart({ option, onClick, 'aria-label': ariaLabel, className = 'dashboard-chart' }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<{
    setOption: (o: unknown, notMerge?: boolean) => void;
    resize: () => void;
    dispose: () => void;
    on: (e: string, f: (p: unknown) => void) => void;
  } | null>(null);
  const [ready, setReady] = useState(false);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    loading ??= loadECharts();
    void loading.then((echarts) => {
      if (disposed || !box.current) return;
      const c = echarts.init(box.current, undefined, { renderer: 'canvas' });
      c.on('click', (p: unknown) => {
        const q = p as { name?: string; dataIndex?: number };
        clickRef.current?.({ name: q.name ?? '', dataIndex: q.dataIndex ?? 0 });
      });
      chart.current = c as unknown as NonNullable<typeof chart.current>;
      observer = new ResizeObserver(() => c.resize());
      observer.observe(box.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // No animation: figures a leader reads should stand still (and a screen reader's user gains nothing from motion).
    if (ready) chart.current?.setOption({ animation: false, ...option }, true);
  }, [option, ready]);

  return <div ref={box} className={className} role="img" aria-label={ariaLabel} />;
}
