import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';

// Only what every chart draws: bars, axes, legend, tooltip. Anything more is
// registered by the page that draws it (registerCharts), so a resident's
// bundle carries no chart type it never shows.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** Adds chart types beyond bars (e.g. `LineChart`); call at module level of the page that draws them. */
export function registerCharts(parts: Parameters<typeof echarts.use>[0]): void {
  echarts.use(parts);
}

/**
 * A small React wrapper around an ECharts instance: created once, options
 * replaced on change, resized with its box, disposed on unmount. The chart is
 * decoration: `label` and the table beside it carry the same facts for
 * screen readers and elderly mode. `className` is the feature's own style
 * (e.g. its minimum height).
 */
export function EChart({ option, height, label, testId, className }: { option: ChartOption; height: number; label: string; testId?: string; className?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    // Old WebViews lack ResizeObserver: the chart then keeps its first size.
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize());
    observer?.observe(box.current);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className={className} style={{ height, width: '100%' }} role="img" aria-label={label} data-testid={testId} />;
}
