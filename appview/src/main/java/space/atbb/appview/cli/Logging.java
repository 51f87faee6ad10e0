package space.atbb.appview.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** LOG_LEVEL, applied to logback at run time. */
final class Logging {
    private Logging() {
    }

    static void setLevel(String level) {
        Level parsed = Level.toLevel(level, Level.INFO);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(parsed);
        ((Logger) LoggerFactory.getLogger("space.atbb")).setLevel(parsed);
    }
}
