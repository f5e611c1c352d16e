package io.cryptorun.sources.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** The formatted lines one class logs (INFO and up) while open: the structured {@code live_source event=…} lines. */
final class LogCapture extends AbstractAppender implements AutoCloseable {
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final Level level;

    LogCapture(Class<?> source) {
        super("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
        logger = (Logger) LogManager.getLogger(source);
        level = logger.getLevel();
        start();
        logger.addAppender(this);
        logger.setLevel(Level.INFO);
    }

    @Override
    public void append(LogEvent e) {
        lines.add(e.getMessage().getFormattedMessage());
    }

    /** Lines containing every one of {@code parts}. */
    List<String> matching(String... parts) {
        return lines.stream().filter(l -> {
            for (String p : parts) if (!l.contains(p)) return false;
            return true;
        }).toList();
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        logger.setLevel(level);
        stop();
    }
}
