package org.ssl4j.runtime.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Builds the report's plots with XChart and renders them to PNG (headless). */
final class Charts {

    /** Tableau 10: one colour per method, the same in every plot (past ten, dashed, then dotted lines). */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)
    };

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Charts() {}

    /**
     * A curve per method with a band.
     *
     * @param lines per method, its points
     * @param colours per method, its colour index
     */
    static XYChart curves(
            String title, String xLabel, String yLabel, Map<String, Curve> lines, Map<String, Integer> colours, boolean bands) {
        XYChart chart = new XYChart(640, 400);
        chart.setTitle(title);
        chart.setXAxisTitle(xLabel);
        chart.setYAxisTitle(yLabel);
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisDecimalPattern("#,##0.###");
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        chart.getStyler().setXAxisMaxLabelCount(8);
        for (Map.Entry<String, Curve> line : lines.entrySet()) {
            int index = colours.get(line.getKey());
            Color colour = PALETTE[index % PALETTE.length];
            Curve curve = line.getValue();
            if (bands && curve.x().length > 1 && !curve.flat()) {
                double[] x = new double[2 * curve.x().length];
                double[] y = new double[x.length];
                int n = curve.x().length;
                for (int i = 0; i < n; i++) {
                    x[i] = curve.x()[i];
                    y[i] = curve.high()[i];
                    x[2 * n - 1 - i] = curve.x()[i];
                    y[2 * n - 1 - i] = curve.low()[i];
                }
                XYSeries band = chart.addSeries(line.getKey() + " (min-max)", x, y);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setFillColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 36));
                band.setLineColor(new Color(0, 0, 0, 0));
                band.setMarker(SeriesMarkers.NONE);
                band.setShowInLegend(false);
            }
            XYSeries mean = chart.addSeries(line.getKey(), curve.x(), curve.mean());
            mean.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            mean.setLineColor(colour);
            mean.setLineStyle(stroke(index / PALETTE.length));
            mean.setMarkerColor(colour);
            mean.setMarker(curve.x().length <= 30 ? marker(index / PALETTE.length) : SeriesMarkers.NONE);
        }
        return chart;
    }

    /**
     * The line of a series in the {@code round}-th pass through the palette: solid, then dashed,
     * then dotted, so that more series than colours stay told apart.
     */
    private static BasicStroke stroke(int round) {
        return switch (round) {
            case 0 -> new BasicStroke(2f);
            case 1 -> new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f);
            default -> new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {1f, 4f}, 0f);
        };
    }

    /** The marker of a series in the {@code round}-th pass through the palette. */
    private static org.knowm.xchart.style.markers.Marker marker(int round) {
        return switch (round) {
            case 0 -> SeriesMarkers.CIRCLE;
            case 1 -> SeriesMarkers.DIAMOND;
            default -> SeriesMarkers.SQUARE;
        };
    }

    /** Grouped bars: one group per class, one bar per method. */
    static CategoryChart perClass(
            String title, List<String> classes, Map<String, List<Double>> values, Map<String, Integer> colours) {
        CategoryChart chart = new CategoryChart(Math.max(640, 60 * classes.size() + 240), 400);
        chart.setTitle(title);
        chart.setXAxisTitle("class");
        chart.setYAxisTitle("accuracy (%)");
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setXAxisLabelRotation(classes.size() > 6 ? 30 : 0);
        chart.getStyler().setAvailableSpaceFill(0.8);
        List<Color> seriesColours = new ArrayList<>();
        for (Map.Entry<String, List<Double>> method : values.entrySet()) {
            List<Double> percent = method.getValue().stream().map(v -> v == null ? 0.0 : 100 * v).toList();
            chart.addSeries(method.getKey(), classes, percent);
            seriesColours.add(PALETTE[colours.get(method.getKey()) % PALETTE.length]);
        }
        chart.getStyler().setSeriesColors(seriesColours.toArray(new Color[0]));
        return chart;
    }

    /**
     * A confusion matrix as a heat map of row percentages, true classes top to bottom.
     *
     * @param counts rows true classes, columns predicted classes
     */
    static HeatMapChart confusion(String title, List<String> classes, long[][] counts) {
        int k = classes.size();
        int size = Math.max(400, 40 * k + 160);
        // The (width, height) constructor leaves the styler without a theme: nothing is drawn.
        HeatMapChart chart = new HeatMapChart(size + 60, size, Styler.ChartTheme.XChart);
        chart.setTitle(title);
        chart.setXAxisTitle("predicted");
        chart.setYAxisTitle("true (row %)");
        style(chart.getStyler());
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, k > 12 ? 9 : 12));
        chart.getStyler().setHeatMapValueDecimalPattern("0");
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(100);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0xc6dbef), new Color(0x6baed6)});
        chart.getStyler().setXAxisLabelRotation(k > 6 ? 45 : 0);
        chart.getStyler().setLegendVisible(false);
        List<String> rows = new ArrayList<>(classes);
        java.util.Collections.reverse(rows);
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            long total = 0;
            for (long c : counts[t]) {
                total += c;
            }
            for (int p = 0; p < k; p++) {
                double percent = total == 0 ? 0 : 100.0 * counts[t][p] / total;
                cells.add(new Number[] {p, k - 1 - t, percent});
            }
        }
        chart.addSeries("confusion", classes, rows, cells);
        return chart;
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render '" + chart.getTitle() + "'", e);
        }
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setChartTitleFont(TITLE);
        styler.setLegendFont(LABEL);
        styler.setPlotBorderVisible(false);
        if (styler instanceof AxesChartStyler axes) {
            axes.setAxisTitleFont(LABEL);
            axes.setAxisTickLabelsFont(TICK);
        }
    }

    /**
     * Points of a curve summarised over seeds.
     *
     * @param x the steps
     * @param mean the mean at each step
     * @param low the minimum
     * @param high the maximum
     */
    record Curve(double[] x, double[] mean, double[] low, double[] high) {

        /**
         * @param series one per seed, value by step; a step counts where any seed has it
         * @param window moving-average window over the summarised points (1: none)
         */
        static Curve of(List<? extends Map<Long, Double>> series, int window) {
            TreeMap<Long, List<Double>> byStep = new TreeMap<>();
            series.forEach(s -> s.forEach((step, v) -> byStep.computeIfAbsent(step, k -> new ArrayList<>()).add(v)));
            int n = byStep.size();
            double[] x = new double[n];
            double[] mean = new double[n];
            double[] low = new double[n];
            double[] high = new double[n];
            int i = 0;
            for (Map.Entry<Long, List<Double>> point : byStep.entrySet()) {
                x[i] = point.getKey();
                mean[i] = point.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(0);
                low[i] = point.getValue().stream().mapToDouble(Double::doubleValue).min().orElse(0);
                high[i] = point.getValue().stream().mapToDouble(Double::doubleValue).max().orElse(0);
                i++;
            }
            return new Curve(x, smooth(mean, window), smooth(low, window), smooth(high, window));
        }

        private static double[] smooth(double[] values, int window) {
            if (window <= 1) {
                return values;
            }
            double[] out = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                int from = Math.max(0, i - window + 1);
                double sum = 0;
                for (int j = from; j <= i; j++) {
                    sum += values[j];
                }
                out[i] = sum / (i - from + 1);
            }
            return out;
        }

        boolean flat() {
            for (int i = 0; i < low.length; i++) {
                if (low[i] != high[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
