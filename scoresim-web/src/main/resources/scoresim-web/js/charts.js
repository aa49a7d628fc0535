// ECharts with one look: readable titles on the cards, axis names with units, quiet grids.
import { compact, label, tick } from './format.js';

// twenty distinct colours: a chart of more than ten series (sanctions, behaviours) repeats none
export const PALETTE = ['#2f5d9b', '#d0573f', '#e0a030', '#3a9d8f', '#8e6bbf', '#6d7a90', '#c2557f', '#5aa0d8',
  '#7a9a3a', '#a0522d', '#1f8a9e', '#b08ad0', '#bcbd22', '#1f3a93', '#e377c2', '#2ca02c', '#ff7f0e', '#17becf',
  '#8c564b', '#393b79'];
const live = new Set();

window.addEventListener('resize', () => live.forEach(c => c.resize()));

export function disposeAll() {
  live.forEach(c => c.dispose());
  live.clear();
}

/** A chart in el with the common style merged under the given option. */
export function chart(el, option) {
  let c = echarts.getInstanceByDom(el);
  if (!c) {
    c = echarts.init(el, null, { renderer: 'canvas' });
    live.add(c);
  }
  c.setOption(Object.assign({
    color: PALETTE,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', fontSize: 12, color: '#1d2433' },
    animationDuration: 400,
    tooltip: { trigger: 'axis', confine: true, valueFormatter: v => compact(v) },
    grid: { left: 64, right: 22, top: 44, bottom: 46, containLabel: false },
  }, option), true);
  return c;
}

export function legend(extra = {}) {
  return Object.assign({ top: 4, left: 'center', icon: 'roundRect', itemWidth: 14, itemHeight: 8, textStyle: { color: '#5d6779' },
    formatter: n => label(n) }, extra);
}

/** Many series: a legend down the right side, and the plot made room for it (grid.right). */
export function sideLegend(n) {
  return n > 4 ? { legend: legend({ type: 'scroll', orient: 'vertical', left: undefined, right: 0, top: 'middle', itemGap: 8 }),
    right: 170 } : { legend: legend(), right: 22 };
}

export function valueAxis(name, extra = {}) {
  return Object.assign({
    type: 'value', name, nameLocation: 'middle', nameGap: 48, nameTextStyle: { color: '#5d6779', fontSize: 12 },
    axisLabel: { formatter: v => tick(v), color: '#5d6779' },
    splitLine: { lineStyle: { color: '#eceef2' } },
  }, extra);
}

export function categoryAxis(data, name, extra = {}) {
  return Object.assign({
    type: 'category', data, name, nameLocation: 'middle', nameGap: 28, nameTextStyle: { color: '#5d6779', fontSize: 12 },
    axisLabel: { color: '#5d6779' }, axisTick: { alignWithLabel: true }, axisLine: { lineStyle: { color: '#c6ccd6' } },
  }, extra);
}
