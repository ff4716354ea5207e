package vn.bdg.registry.web;

import io.javalin.http.Context;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Localised texts (messages_vi / messages_en), chosen by Accept-Language; Vietnamese by default. */
public final class Messages {
    public static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
    private static final List<Locale> SUPPORTED = List.of(VIETNAMESE, Locale.ENGLISH);

    private Messages() {
    }

    /**
     * An argument of a message that is itself a text of the bundles, said in the message's
     * language: a course's status is "đang diễn ra" in a Vietnamese sentence, not the code "running".
     */
    public record Term(String key) {
    }

    /** A course's status as a message argument (status.draft, status.open, ...). */
    public static Term courseStatus(Object status) {
        return new Term("status." + status);
    }

    public static Locale locale(Context ctx) {
        return locale(ctx.header("Accept-Language"));
    }

    public static Locale locale(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return VIETNAMESE;
        }
        try {
            Locale chosen = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
            return chosen == null ? VIETNAMESE : chosen;
        } catch (IllegalArgumentException malformedHeader) {
            return VIETNAMESE;
        }
    }

    public static String get(Locale locale, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle("messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        if (args.length == 0) {
            return pattern;
        }
        Object[] said = args.clone();
        for (int i = 0; i < said.length; i++) {
            if (said[i] instanceof Term term) {
                said[i] = get(locale, term.key());
            }
        }
        return new MessageFormat(pattern, locale).format(said);
    }
}
