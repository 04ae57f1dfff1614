package dev.cms.admin.media;

import dev.cms.admin.support.AuthorNodeTestSupport;
import dev.cms.admin.support.Browser;
import dev.cms.admin.support.Browser.FilePart;
import dev.cms.admin.support.Browser.Page;
import dev.cms.core.testing.TestImages;
import dev.cms.core.user.UserService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default upload limit, 10 MB, end to end: above Micronaut's own 1 MB limit for a file part
 * and as large as the server's request limit, which MediaUploadLimits must both widen.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaUploadLimitsTest implements TestPropertyProvider {

    static final int DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

    @Inject
    EmbeddedServer server;

    @Inject
    UserService users;

    Browser editor;

    @Override
    public Map<String, String> getProperties() {
        return AuthorNodeTestSupport.properties("media-limits");
    }

    @BeforeAll
    void signIn() {
        users.createFirstAdmin("chief", "总编", "s3cret-pass");
        editor = new Browser(server.getURI());
        Page in = editor.submit(editor.get("/admin/login"), "form[action=/admin/login]",
                Map.of("username", "chief", "password", "s3cret-pass"));
        assertEquals(303, in.status(), in.body());
    }

    @Test
    void imageOfExactlyTheDefaultLimitIsAccepted() {
        // A PNG padded after its end with zeros, which image readers ignore.
        Page uploaded = upload(Arrays.copyOf(TestImages.png(3, 2), DEFAULT_MAX_BYTES));

        assertEquals(303, uploaded.status(), uploaded.body());
        assertEquals("10 MB", editor.follow(uploaded).text(".just-uploaded .size"));
    }

    @Test
    void oneByteMoreIsRefusedWithAPageNamingTheLimit() {
        Page refused = upload(Arrays.copyOf(TestImages.png(3, 2), DEFAULT_MAX_BYTES + 1));

        assertEquals(413, refused.status());
        assertTrue(refused.text("#file-error").contains("10 MB"), refused.text("#file-error"));
    }

    private Page upload(byte[] content) {
        return editor.upload(editor.get("/admin/media"), "form.media-upload",
                new FilePart("file", "big.png", "image/png", content));
    }
}
