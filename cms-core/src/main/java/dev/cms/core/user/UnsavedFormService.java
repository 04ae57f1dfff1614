package dev.cms.core.user;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Keeps a form that was sent after its login had ended, for the user who has just logged in again,
 * until they send it once more from a page loaded under the new login; for {@link #KEPT_FOR} at most.
 * Only ever called for a signed-in user: nothing is stored for anonymous requests.
 */
@Singleton
public class UnsavedFormService {

    public static final Duration KEPT_FOR = Duration.ofDays(1);

    private final UnsavedFormRepository forms;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public UnsavedFormService(UnsavedFormRepository forms, Clock clock) {
        this.forms = forms;
        this.clock = clock;
    }

    /** Keeps the form for the user; the id of the page that sends it again. */
    @Transactional
    public String keep(User user, String targetPath, String formFields) {
        Instant now = clock.instant();
        forms.deleteCreatedBefore(now.minus(KEPT_FOR));
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        forms.save(new UnsavedForm(id, user.id(), targetPath, formFields, now));
        return id;
    }

    /** The user's own kept form, while it is kept. */
    @Transactional(readOnly = true)
    public Optional<UnsavedForm> find(String id, User user) {
        Instant oldest = clock.instant().minus(KEPT_FOR);
        return forms.findByIdAndUserId(id, user.id()).filter(form -> form.createdAt().isAfter(oldest));
    }
}
