package dev.cms.web.site;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.TreeMap;

/**
 * The site's words in the configured language ({@code cms.language}, default zh-CN), read from
 * {@code i18n/messages*.properties} so templates hold no language of their own.
 */
@Singleton
public class Messages {

    /** The public site's words, then the admin's where the author node carries them. */
    private static final String[] BUNDLES = {"i18n.messages", "i18n.admin"};

    private final Map<String, String> bundle;
    private final Locale locale;

    public Messages(@Value("${cms.language:zh-CN}") String language) {
        this.locale = Locale.forLanguageTag(language);
        Map<String, String> words = new TreeMap<>();
        for (String baseName : BUNDLES) {
            try {
                ResourceBundle resources = ResourceBundle.getBundle(baseName, locale,
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
                for (String key : resources.keySet()) {
                    words.put(key, resources.getString(key));
                }
            } catch (MissingResourceException e) {
                // i18n.admin exists on the author node only.
            }
        }
        this.bundle = Collections.unmodifiableMap(words);
    }

    public Map<String, String> bundle() {
        return bundle;
    }

    public String get(String key) {
        return bundle.getOrDefault(key, key);
    }

    public String languageTag() {
        return locale.toLanguageTag();
    }
}
