package dev.cms.core.media;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MediaNamesTest {

    @Test
    void namesWithPathPartsAreRefused() {
        for (String name : new String[] {"../../cookie-secret", "..\\..\\x.png", "/etc/passwd", "a/b.png", "C:\\photo.png", ".."}) {
            InvalidMediaException e = assertThrows(InvalidMediaException.class, () -> MediaNames.displayName(name), name);
            assertEquals(MediaRefusal.BAD_NAME, e.refusal());
        }
    }

    @Test
    void controlAndDirectionCharactersAreRemovedFromTheDisplayName() {
        char rightToLeftOverride = 0x202E;
        assertEquals("photogpj.exe", MediaNames.displayName("photo" + rightToLeftOverride + "gpj.exe"));
        assertEquals("a b.png", MediaNames.displayName(" a\u0000 b.png\n"));
        assertEquals("截图 2024.png", MediaNames.displayName("截图 2024.png"));
    }

    @Test
    void emptyAndMissingNamesBecomeImage() {
        assertEquals("image", MediaNames.displayName(null));
        assertEquals("image", MediaNames.displayName("\u0007"));
        assertEquals("image", MediaNames.displayName("."));
    }

    @Test
    void longNamesAreShortenedByCharactersNotBytes() {
        String name = MediaNames.displayName("图".repeat(300) + ".png");
        assertEquals(MediaNames.MAX_LENGTH, name.codePointCount(0, name.length()));
    }

    @Test
    void altTextDropsTheExtensionAndMarkdownBrackets() {
        assertEquals("my photo", MediaNames.altText("my photo.png"));
        assertEquals("x(javascript:alert(1))", MediaNames.altText("[x](javascript:alert(1)).png"));
        assertEquals(".hidden", MediaNames.altText(".hidden"));
    }
}
