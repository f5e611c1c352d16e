import jdk.jfr.consumer.*;
import java.nio.file.*;
import java.util.*;
/** Folded stacks (root;...;leaf count) of jdk.ExecutionSample events of a JFR file. */
public class Fold {
    public static void main(String[] a) throws Exception {
        Map<String, Long> folded = new HashMap<>();
        Map<String, Long> threads = new TreeMap<>();
        long n = 0, truncated = 0;
        try (RecordingFile f = new RecordingFile(Path.of(a[0]))) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
                RecordedStackTrace st = e.getStackTrace();
                if (st == null) continue;
                n++;
                if (st.isTruncated()) truncated++;
                RecordedThread t = e.getThread("sampledThread");
                String tn = t == null ? "?" : t.getJavaName();
                if (tn == null) tn = t.getOSName();
                tn = tn.replaceAll("[0-9]+", "N").replace(';', ':');
                threads.merge(tn, 1L, Long::sum);
                List<RecordedFrame> fr = st.getFrames();
                StringBuilder sb = new StringBuilder("[" + tn + "]");
                for (int i = fr.size() - 1; i >= 0; i--) {
                    RecordedMethod m = fr.get(i).getMethod();
                    String cls = m.getType().getName();
                    int dot = cls.lastIndexOf('.');
                    sb.append(';').append((dot >= 0 ? cls.substring(dot + 1) : cls) + "." + m.getName());
                }
                folded.merge(sb.toString().replace(' ', '_'), 1L, Long::sum);
            }
        }
        try (var w = Files.newBufferedWriter(Path.of(a[1]))) {
            for (var en : folded.entrySet()) w.write(en.getKey() + " " + en.getValue() + "\n");
        }
        System.err.println("samples " + n + " truncated " + truncated);
        threads.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(15)
            .forEach(en -> System.err.println("thread " + en.getValue() + " " + en.getKey()));
    }
}
