package space.atbb.db.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search as a person types it, parsed once for both dialects: words, and "quoted phrases"
 * whose words must follow each other. Every term must match (AND).
 *
 * <pre>
 * SearchTerms.parse("board \"first post\"").terms(); // [[board], [first, post]]
 * </pre>
 *
 * <p>A word is a run of letters and digits, lower-cased; everything else separates words, as the
 * tokenizers of both search indexes do (SQLite FTS5 {@code unicode61}, and PostgreSQL's
 * {@code simple} configuration over text whose other characters are spaces). So quotes, operators
 * and SQL in a search are only text to look for: nothing of them reaches either query language.
 * An unclosed quote runs to the end.
 */
public record SearchTerms(List<List<String>> terms) {
    /** More terms than this are refused: each one is a join in the index. */
    public static final int MAX_TERMS = 16;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    public SearchTerms {
        terms = terms.stream().map(List::copyOf).toList();
    }

    /** Empty when {@code query} holds no word. */
    public static SearchTerms parse(String query) {
        List<List<String>> terms = new ArrayList<>();
        String[] quoted = query.split("\"", -1);
        for (int i = 0; i < quoted.length; i++) {
            List<String> words = words(quoted[i]);
            if (i % 2 == 1) {
                if (!words.isEmpty()) {
                    terms.add(words); // inside quotes: one phrase
                }
            } else {
                words.forEach(word -> terms.add(List.of(word)));
            }
        }
        return new SearchTerms(terms);
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group().toLowerCase(Locale.ROOT));
        }
        return words;
    }
}
