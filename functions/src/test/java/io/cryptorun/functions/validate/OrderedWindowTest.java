package io.cryptorun.functions.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sorted window's median and selection-based MAD against the definition (sort the window, sort
 * the deviations, take the middles: {@link RobustStats#median} / {@link RobustStats#mad}), over
 * random series with ties, values equal at different scales, and evictions, at every window size.
 */
class OrderedWindowTest {

    @Test
    void decimalMedianAndMadEqualTheSortBasedDefinitionAtEveryStep() {
        Random rnd = new Random(17);
        for (int window : new int[] {1, 2, 3, 4, 7, 20, 64}) {
            OrderedWindow<BigDecimal> w = new OrderedWindow<>();
            for (int step = 0; step < 2_000; step++) {
                // few distinct values (ties) at two scales (1.5 and 1.50 compare equal)
                BigDecimal x = BigDecimal.valueOf(rnd.nextInt(41) - 20, 2);
                if (rnd.nextBoolean()) x = x.setScale(4);
                if (rnd.nextInt(10) == 0) x = new BigDecimal(rnd.nextGaussian() / 100).round(RobustStats.MC);
                w.addLast(x);
                if (w.size() > window) w.removeFirst();
                List<BigDecimal> arrival = new ArrayList<>();
                w.forEach(arrival::add);
                List<BigDecimal> sortedRef = new ArrayList<>(arrival);
                sortedRef.sort(null);
                assertThat(w.sorted()).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(sortedRef);
                BigDecimal med = RobustStats.median(arrival);
                assertThat(RobustStats.medianOfSorted(w.sorted())).isEqualByComparingTo(med);
                assertThat(RobustStats.madOfSorted(w.sorted(), med)).as("window %d step %d %s", window, step, arrival)
                        .isEqualByComparingTo(RobustStats.mad(arrival, med));
            }
        }
    }

    @Test
    void doubleMedianAndMadEqualTheSortBasedDefinitionBitForBit() {
        Random rnd = new Random(23);
        for (int window : new int[] {1, 2, 5, 8, 50}) {
            OrderedWindow<Double> w = new OrderedWindow<>();
            for (int step = 0; step < 2_000; step++) {
                double x = rnd.nextInt(4) == 0 ? Math.log(1 + rnd.nextInt(5)) : Math.log(rnd.nextDouble() * 100 + 1e-9);
                w.addLast(x);
                if (w.size() > window) w.removeFirst();
                List<Double> sorted = new ArrayList<>();
                w.forEach(sorted::add);
                sorted.sort(null);
                assertThat(w.sorted()).containsExactlyElementsOf(sorted);
                double med = RobustStats.medianOfSortedDoubles(sorted);
                List<Double> dev = new ArrayList<>();
                for (double v : sorted) dev.add(Math.abs(v - med));
                dev.sort(null);
                double madRef = RobustStats.medianOfSortedDoubles(dev);
                assertThat(RobustStats.madOfSortedDoubles(w.sorted(), med)).as("window %d step %d", window, step)
                        .isEqualTo(madRef);
            }
        }
    }

    @Test
    void evictionRemovesThatVeryValueAmongEqualOnes() {
        OrderedWindow<BigDecimal> w = new OrderedWindow<>();
        BigDecimal a = new BigDecimal("1.0");
        BigDecimal b = new BigDecimal("1.00");
        w.addLast(a);
        w.addLast(b);
        assertThat(w.removeFirst()).isSameAs(a);
        assertThat(w.sorted()).singleElement().isSameAs(b);
    }
}
