package io.cryptorun.functions.validate;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The last values of a series in arrival order, kept sorted as well, so the median is a lookup and
 * the median absolute deviation a selection ({@link RobustStats#madOfSorted}) instead of two sorts
 * per trade. Adding or evicting a value is a binary search and one array shift: O(window), no
 * sorting, no copy of the window.
 *
 * <p>Iteration is in arrival order (what the state serializer writes); {@link #sorted()} is the same
 * values in ascending order.
 */
final class OrderedWindow<T extends Comparable<? super T>> implements Iterable<T>, Serializable {
    private static final long serialVersionUID = 1L;

    private final ArrayDeque<T> arrival = new ArrayDeque<>();
    private final ArrayList<T> sorted = new ArrayList<>();

    void addLast(T x) {
        arrival.addLast(x);
        int i = Collections.binarySearch(sorted, x);
        sorted.add(i < 0 ? -i - 1 : i, x);
    }

    /** Evicts the oldest value. */
    T removeFirst() {
        T x = arrival.removeFirst();
        int i = Collections.binarySearch(sorted, x);
        // among values that compare equal (1.0 and 1.00), remove this very one, so the sorted list
        // always holds exactly the objects of the arrival queue
        int lo = i;
        while (lo > 0 && sorted.get(lo - 1).compareTo(x) == 0) lo--;
        int at = lo;
        while (sorted.get(at) != x) at++;
        sorted.remove(at);
        return x;
    }

    void addAll(OrderedWindow<T> other) {
        load(other.arrival);
    }

    /** Appends values oldest first and sorts once (a restore: one sort, not a binary insertion each). */
    void load(java.util.Collection<T> oldestFirst) {
        arrival.addAll(oldestFirst);
        sorted.addAll(oldestFirst);
        sorted.sort(null);
    }

    int size() {
        return arrival.size();
    }

    boolean isEmpty() {
        return arrival.isEmpty();
    }

    void clear() {
        arrival.clear();
        sorted.clear();
    }

    /** The values in ascending order (a read-only view). */
    List<T> sorted() {
        return Collections.unmodifiableList(sorted);
    }

    @Override
    public Iterator<T> iterator() {
        return Collections.unmodifiableCollection(arrival).iterator();
    }
}
