package io.cryptorun.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No two packages of the product depend on each other, directly or through others (issue 15): the
 * main sources of every module, read as text — imports and fully qualified names in code, comments
 * left out — form a package graph without a cycle. A cycle is reported with the classes that make
 * each of its edges.
 */
class PackageCyclesTest {
    private static final List<Path> MODULES = List.of(Path.of("..", "sources"), Path.of("..", "simulator"),
            Path.of("..", "functions"), Path.of("."));
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** A reference to a class of the product: its package (lower-case segments), then the class. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.cryptorun(?:\\.[a-z]\\w*)+)\\.[A-Z]\\w*");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        Map<String, Map<String, Set<String>>> edges = new TreeMap<>(); // from → to → classes making it
        int files = 0;
        for (Path module : MODULES) {
            Path root = module.resolve("src/main/java");
            try (Stream<Path> s = Files.walk(root)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    String code = COMMENTS.matcher(Files.readString(f, StandardCharsets.UTF_8)).replaceAll("");
                    Matcher pm = PACKAGE.matcher(code);
                    if (!pm.find()) continue;
                    String from = pm.group(1);
                    Matcher r = REFERENCE.matcher(code);
                    while (r.find()) {
                        String to = r.group(1);
                        if (!to.equals(from)) {
                            edges.computeIfAbsent(from, k -> new TreeMap<>()).computeIfAbsent(to, k -> new TreeSet<>())
                                    .add(f.getFileName().toString());
                        }
                    }
                }
            }
        }
        assertThat(files).as("source files read").isGreaterThan(300);
        List<String> cycles = new ArrayList<>();
        for (List<String> scc : stronglyConnected(edges)) {
            StringBuilder b = new StringBuilder(String.join(" ⇄ ", scc)).append(":");
            for (String p : scc) {
                edges.getOrDefault(p, Map.of()).forEach((q, by) -> {
                    if (scc.contains(q)) b.append("\n    ").append(p).append(" → ").append(q).append(" by ").append(by);
                });
            }
            cycles.add(b.toString());
        }
        assertThat(cycles).as("package cycles").isEmpty();
    }

    /** Tarjan's algorithm; only components of two or more packages. */
    private static List<List<String>> stronglyConnected(Map<String, Map<String, Set<String>>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] next = {0};
        Set<String> nodes = new TreeSet<>(edges.keySet());
        edges.values().forEach(m -> nodes.addAll(m.keySet()));
        for (String v : nodes) {
            if (!index.containsKey(v)) visit(v, edges, index, low, stack, onStack, out, next);
        }
        return out;
    }

    private static void visit(String v, Map<String, Map<String, Set<String>>> edges, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<List<String>> out, int[] next) {
        index.put(v, next[0]);
        low.put(v, next[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : edges.getOrDefault(v, Map.of()).keySet()) {
            if (!index.containsKey(w)) {
                visit(w, edges, index, low, stack, onStack, out, next);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> scc = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                scc.add(w);
            } while (!w.equals(v));
            if (scc.size() > 1) {
                scc.sort(null);
                out.add(scc);
            }
        }
    }
}
