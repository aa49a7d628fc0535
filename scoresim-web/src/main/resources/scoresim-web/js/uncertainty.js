// The uncertainty of a sampled run on the dashboard's charts (docs/OUTPUTS.md, "Intervals"):
// 95% bands under the lines, figures resting on few simulated people or events marked, and
// tooltips that say both. summary.json carries interval95 and simulated for sampled runs only.
import { compact, label } from './format.js';

/** Fewer simulated people or events than this, and a figure is marked (Interval.FEW). */
export const FEW = 30;

const at = (o, metric, item) => (o == null ? null : item == null ? o[metric] : (o[metric] || {})[item]);

export function interval(summary, year, metric, item) {
  return summary.interval95 ? at(summary.interval95[year], metric, item) : null;
}

export function simulated(summary, year, metric, item) {
  return summary.simulated ? at(summary.simulated[year], metric, item) : null;
}

/** Whether a figure rests on fewer than FEW simulated people or events (but some). */
export function restsOnFew(summary, year, metric, item) {
  const k = simulated(summary, year, metric, item);
  return k != null && k > 0 && k < FEW;
}

/**
 * Two stacked series per item drawing its 95% band: an invisible lower edge and the band's
 * height, named as the item's line so that the legend shows and hides them together.
 */
export function bands(summary, years, metric, items, colors) {
  if (!summary.interval95) return [];
  return items.flatMap((item, i) => {
    const b = years.map(y => interval(summary, y, metric, item));
    const common = { name: item, type: 'line', stack: `band-${metric}-${item}`, symbol: 'none', silent: true,
      lineStyle: { opacity: 0 }, z: 1, tooltip: { show: false } };
    return [
      Object.assign({ id: `band-lo-${item}`, data: b.map(x => (x ? x[0] : null)) }, common),
      Object.assign({ id: `band-${item}`, data: b.map(x => (x ? x[1] - x[0] : null)),
        areaStyle: { color: colors[i % colors.length], opacity: 0.18 } }, common),
    ];
  });
}

/** A line's data: each value, hollow and labelled '~' where the figure rests on few (restsOn: year -> bool). */
export function points(values, years, restsOn) {
  return values.map((v, k) => (restsOn(years[k])
    ? { value: v, symbol: 'emptyCircle', symbolSize: 10, label: { show: true, formatter: '~', position: 'top', color: '#b45309' } }
    : v));
}

/**
 * An axis tooltip of the lines only (the bands left out), each value with its 95% interval and,
 * where it rests on few, how many simulated people or events it rests on.
 * describe(seriesName, yearIndex) -> {interval: [lo, hi] | null, simulated: n | null}.
 */
export function tooltip(format, describe) {
  return {
    trigger: 'axis', confine: true,
    formatter: params => {
      const rows = params.filter(p => !String(p.seriesId).startsWith('band'));
      if (!rows.length) return '';
      return rows[0].axisValue + rows.map(p => {
        const d = describe(p.seriesName, p.dataIndex) || {};
        const v = p.value == null ? null : +(typeof p.value === 'object' ? p.value.value : p.value);
        return `<br>${p.marker}${label(p.seriesName)}: <b>${format(v)}</b>`
          + (d.interval ? ` <span style="color:#5d6779">(95%: ${format(d.interval[0])} – ${format(d.interval[1])})</span>` : '')
          + (d.simulated != null && d.simulated > 0 && d.simulated < FEW
            ? ` <b style="color:#b45309">~ rests on ${d.simulated} simulated</b>` : '');
      }).join('');
    },
  };
}

/** The note under a chart of a sampled run: what the band and the mark mean. */
export function note(summary) {
  if (!(summary.sample < 1)) return '';
  return `Shaded: the 95% interval from the spread of the sample. A hollow point marked ~ rests on fewer than ${FEW}
    simulated people or events: a handful of lives, read it as an order of magnitude.`;
}

export { compact };
