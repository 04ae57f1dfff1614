package dev.cms.admin.site;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.views.ModelAndView;

/**
 * The question a destructive action asks before it acts (撤下, 删除, 彻底删除, a topic's deletion, a
 * user's suspension). Its form posts without {@value #FIELD}; the action then answers this page,
 * whose own form posts the same action again with it. With script, {@code confirm.js} asks the same
 * question in a dialog and adds the field itself. {@code kind} names the messages
 * ({@code admin.confirm.<kind>.heading}, {@code .message}, {@code .button}), {@code name} is what
 * the action is about (an article's title, a topic's name, a username), {@code action} the URL it
 * posts to and {@code cancelUrl} where 取消 leads back to.
 */
public record ConfirmPage(String kind, String name, String action, String cancelUrl) {

    /** The form field that says the question was answered yes. */
    public static final String FIELD = "confirmed";

    /** Whether the posted value of {@link #FIELD} says yes. */
    public static boolean given(@Nullable String confirmed) {
        return "yes".equals(confirmed);
    }

    /** The page that asks, with status 200: nothing was changed. */
    public HttpResponse<?> ask() {
        return HttpResponse.ok(new ModelAndView<>("admin/confirm", this));
    }
}
