package dev.cms.web.request;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.cms.web.request.RequestTargets.Problem.MALFORMED;
import static dev.cms.web.request.RequestTargets.Problem.NONE;
import static dev.cms.web.request.RequestTargets.Problem.NUL_IN_PATH;
import static dev.cms.web.request.RequestTargets.Problem.NUL_IN_QUERY;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rules for request targets and form bodies, one case at a time. */
class RequestTargetsTest {

    @Test
    void wellFormedTargetsPass() {
        for (String target : List.of("/", "/articles/%E5%AE%89%E5%85%A8", "/search?q=a+b&page=2", "/topics/x?utm=%20",
                "/a%2Fb", "*", "/feed.xml?")) {
            assertEquals(NONE, RequestTargets.check(target), target);
        }
    }

    @Test
    void brokenEscapesAndBytesThatAreNotUtf8AreMalformed() {
        for (String target : List.of("/%", "/a%2", "/%ZZ", "/?x=%G1", "/%E4%B8", "/%C0%AF", "/%FF", "/a b", "/a\u00e9",
                "/?q=%ED%A0%80")) {
            assertEquals(MALFORMED, RequestTargets.check(target), target);
        }
    }

    @Test
    void aNulInThePathOrTheQueryIsToldApart() {
        assertEquals(NUL_IN_PATH, RequestTargets.check("/articles/a%00b"));
        assertEquals(NUL_IN_QUERY, RequestTargets.check("/search?q=a%00b"));
    }

    @Test
    void formBodiesMustDecodeToUtf8() {
        assertEquals(NONE, form("csrf=x&title=%E5%AE%89+%E5%85%A8&body=a%0D%0Ab"));
        assertEquals(NONE, form("title=%00"), "a NUL is the form's to refuse, with the text kept");
        assertEquals(NONE, form("title=安全"), "raw UTF-8 is still UTF-8");
        for (String body : List.of("title=%ZZ", "title=%", "title=%E4%B8&body=x", "title=%C0%AF", "title=%FF")) {
            assertEquals(MALFORMED, form(body), body);
        }
        assertEquals(MALFORMED, RequestTargets.checkForm(new byte[] {'t', '=', (byte) 0xFF}));
    }

    private static RequestTargets.Problem form(String body) {
        return RequestTargets.checkForm(body.getBytes(StandardCharsets.UTF_8));
    }
}
