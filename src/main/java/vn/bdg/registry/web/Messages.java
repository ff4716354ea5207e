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
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
