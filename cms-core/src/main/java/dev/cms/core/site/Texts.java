package dev.cms.core.site;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The messages the services give people (validation errors, refusals) in the site's language
 * ({@code cms.language}), from {@code i18n/core*.properties}: zh-CN in the base bundle, English in
 * {@code core_en}. Patterns take {@link String#format} arguments.
 */
@Singleton
public class Texts {

    private final ResourceBundle bundle;
    private final Locale locale;

    public Texts(@Value("${cms.language:zh-CN}") String language) {
        this.locale = Locale.forLanguageTag(language);
        this.bundle = ResourceBundle.getBundle("i18n.core", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The message for {@code key} with {@code args} filled in; the key itself if the bundle lacks it. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : String.format(locale, pattern, args);
    }
}
