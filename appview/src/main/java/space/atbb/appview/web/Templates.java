package space.atbb.appview.web;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pages' Pebble templates ({@code web/templates/NAME.peb} on the classpath). Every value is
 * HTML-escaped when printed, unless a template marks it otherwise (none does): record texts are
 * untrusted.
 *
 * <pre>
 * String html = templates.render("board", Map.of("page", topicsPage));
 * </pre>
 */
final class Templates {
    /** How a time reads on a page; the exact instant goes in the {@code <time datetime>} attribute. */
    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final PebbleEngine engine;

    Templates() {
        ClasspathLoader loader = new ClasspathLoader();
        loader.setPrefix("web/templates");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder().loader(loader).autoEscaping(true)
                .defaultEscapingStrategy("html").extension(new TimeFormat()).build();
    }

    String render(String name, Map<String, Object> model) {
        PebbleTemplate template = engine.getTemplate(name);
        StringWriter out = new StringWriter();
        try {
            template.evaluate(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@code {{ post.createdAt | shown }}}: an RFC 3339 time as a person reads it. */
    private static final class TimeFormat extends AbstractExtension {
        @Override
        public Map<String, Filter> getFilters() {
            return Map.of("shown", new Filter() {
                @Override
                public List<String> getArgumentNames() {
                    return List.of();
                }

                @Override
                public Object apply(Object input, Map<String, Object> args, PebbleTemplate self,
                                    EvaluationContext context, int lineNumber) {
                    return input == null ? null : SHOWN.format(Instant.parse(input.toString()));
                }
            });
        }
    }
}
