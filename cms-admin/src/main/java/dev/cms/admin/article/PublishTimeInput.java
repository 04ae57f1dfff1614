package dev.cms.admin.article;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * The publish time as typed in the article form ("2024-05-01 08:30" or with seconds, a space or a
 * {@code T} between date and time), read the same way by saving and by preview, so the preview
 * shows the time a save would store. The range (1970 to 9999) is the service's to check.
 */
final class PublishTimeInput {

    private PublishTimeInput() {
    }

    /**
     * @return the time in the site's zone, or null when nothing was typed
     * @throws DateTimeParseException when the text is not a time
     */
    static LocalDateTime parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String normalized = text.strip().replace(' ', 'T');
        return LocalDateTime.parse(normalized.length() == 16 ? normalized + ":00" : normalized);
    }
}
