/**
 * A chart in words, for its accessible description and for whoever cannot see it: how many
 * readings, over which period, their range, and the latest.
 */
import type { Locale } from '../i18n/locale';
import { entryWhen, measurementValue, optionKey, type Translate } from '../record/entry-display';
import { seriesRanges, type MeasureData } from './measure-series';

export function formatReading(value: number, locale: Locale, decimals = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: decimals }).format(value);
}

/** One sentence on the readings and one per series on its range; empty without readings. */
export function describeMeasure(data: MeasureData, t: Translate, locale: Locale): string[] {
  const { readings } = data;
  const latest = readings.at(-1);
  if (!latest) return [];
  const measure = t(optionKey('measure', data.type));
  const reading = {
    measure,
    latest: measurementValue(latest, t, locale),
    date: entryWhen(latest, locale) ?? '',
  };
  const opening =
    readings.length === 1
      ? t('chart.summaryOne', reading)
      : t('chart.summary', {
          ...reading,
          count: readings.length,
          first: entryWhen(readings[0]!, locale) ?? '',
          last: reading.date,
        });
  if (readings.length === 1) return [opening];
  const unit = t(optionKey('unit', data.unit));
  return [
    opening,
    ...seriesRanges(data).map(({ key, min, max }) =>
      t('chart.range', {
        series: t(`chart.series.${key}`),
        min: formatReading(min, locale),
        max: formatReading(max, locale),
        unit,
      }),
    ),
  ];
}
