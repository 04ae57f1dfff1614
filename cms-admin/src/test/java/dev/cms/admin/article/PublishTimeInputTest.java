package dev.cms.admin.article;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The publish time as editors type it, read once for saving and for preview. */
class PublishTimeInputTest {

    @Test
    void readsMinutesOrSecondsWithASpaceOrAT() {
        LocalDateTime expected = LocalDateTime.of(2024, 5, 1, 8, 30);
        assertEquals(expected, PublishTimeInput.parse("2024-05-01 08:30"));
        assertEquals(expected, PublishTimeInput.parse(" 2024-05-01T08:30:00 "));
        assertEquals(expected.withSecond(15), PublishTimeInput.parse("2024-05-01 08:30:15"));
    }

    @Test
    void nothingTypedIsNoTime() {
        assertNull(PublishTimeInput.parse(null));
        assertNull(PublishTimeInput.parse("  "));
    }

    @Test
    void textThatIsNotATimeIsRefused() {
        assertThrows(DateTimeParseException.class, () -> PublishTimeInput.parse("tomorrow"));
        assertThrows(DateTimeParseException.class, () -> PublishTimeInput.parse("2024-05-01 08:30\u0000"));
    }
}
